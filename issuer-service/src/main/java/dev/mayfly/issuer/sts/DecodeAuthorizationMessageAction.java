package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.authz.AuthorizationMessages;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.runtime.AwsServiceException;
import java.util.List;

/**
 * DecodeAuthorizationMessage: reads the encoded message of an AccessDenied. Only principals of the refused
 * principal's account that are allowed sts:DecodeAuthorizationMessage can; a message of another account, or a changed
 * one, is refused as invalid.
 */
final class DecodeAuthorizationMessageAction extends DeclaredAction {

    private final Authorizer authorizer;
    private final AuthorizationMessages messages;

    DecodeAuthorizationMessageAction(Authorizer authorizer, AuthorizationMessages messages) {
        super("DecodeAuthorizationMessage", AwsService.STS, true);
        this.authorizer = authorizer;
        this.messages = messages;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String encoded = context.parameters().required("EncodedMessage", "encodedMessage", 1, 10240);
        authorizer.authorize(context.caller(), "sts:DecodeAuthorizationMessage", "*", context.conditionKeys());
        String decoded = messages.decode(encoded.strip(), context.caller().accountId())
                .orElseThrow(() -> new AwsServiceException("InvalidAuthorizationMessageException",
                        "The error message provided for decoding is not valid.", 400));
        return new ActionResult(xml -> xml.element("DecodedMessage", decoded), null, List.of());
    }
}
