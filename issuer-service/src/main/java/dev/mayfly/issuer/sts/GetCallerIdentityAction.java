package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import java.util.List;

/** GetCallerIdentity: who the credentials belong to. It needs no permission (a revoked session is still refused). */
final class GetCallerIdentityAction extends DeclaredAction {

    private final Authorizer authorizer;

    GetCallerIdentityAction(Authorizer authorizer) {
        super("GetCallerIdentity", AwsService.STS, true);
        this.authorizer = authorizer;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        Caller caller = context.caller();
        authorizer.refuseRevoked(caller, "sts:GetCallerIdentity", "*");
        return new ActionResult(xml -> xml.element("UserId", caller.principalId())
                .element("Account", caller.accountId().value()).element("Arn", caller.arn()), null, List.of());
    }
}
