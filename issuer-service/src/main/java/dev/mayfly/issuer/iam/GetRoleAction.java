package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.List;

/** GetRole. */
public final class GetRoleAction extends IamAction {

    private final IdentityDirectory directory;
    private final Authorizer authorizer;

    public GetRoleAction(IdentityDirectory directory, Authorizer authorizer) {
        super("GetRole", true);
        this.directory = directory;
        this.authorizer = authorizer;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String roleName = IamParameters.roleName(context.parameters());
        RoleRef ref = new RoleRef(context.caller().accountId(), roleName);
        RoleView role = directory.role(ref).orElse(null);
        authorizer.authorize(context.caller(), "iam:GetRole", role != null ? role.arn()
                : "arn:aws:iam::" + ref.account().value() + ":role/" + roleName, context.conditionKeys());
        if (role == null) {
            throw IamErrors.roleNotFound(roleName);
        }
        return new ActionResult(xml -> RoleXml.write(xml, role), null,
                List.of(new Resource(role.arn(), role.accountId().value(), "AWS::IAM::Role")));
    }
}
