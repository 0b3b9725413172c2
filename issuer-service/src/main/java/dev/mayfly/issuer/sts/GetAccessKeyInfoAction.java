package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.runtime.AwsServiceException;
import java.util.List;

/**
 * GetAccessKeyInfo: the account an access key id (long-term or temporary, of any account) belongs to. As in AWS the
 * account is read from the key id itself, so that a key id reveals its account and nothing else; keys created
 * before ids carried their account are found in the directory.
 */
final class GetAccessKeyInfoAction extends DeclaredAction {

    private final IdentityDirectory directory;
    private final Authorizer authorizer;

    GetAccessKeyInfoAction(IdentityDirectory directory, Authorizer authorizer) {
        super("GetAccessKeyInfo", AwsService.STS, true);
        this.directory = directory;
        this.authorizer = authorizer;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String keyId = QueryParameters.matching(context.parameters().required("AccessKeyId", "accessKeyId", 16, 128), "accessKeyId", "[\\w]*");
        authorizer.authorize(context.caller(), "sts:GetAccessKeyInfo", "*", context.conditionKeys());
        String account = directory.accessKey(keyId).map(key -> key.accountId().value())
                .or(() -> CredentialIds.accountOf(keyId))
                .orElseThrow(() -> AwsServiceException.validation("The access key ID " + keyId + " is not valid."));
        return new ActionResult(xml -> xml.element("Account", account), null, List.of());
    }
}
