package dev.mayfly.issuer.iam.roles;

import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.RoleXml;
import dev.mayfly.issuer.iam.TrustPrincipals;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.List;

/** GetRole. */
final class GetRoleAction extends IamAction {

    GetRoleAction(IamServices services) {
        super("GetRole", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String roleName = IamParameters.roleName(context.parameters());
        RoleView role = ExistingResource.role(directory, authorizer, context, "iam:GetRole", roleName);
        return new ActionResult(xml -> RoleXml.write(xml, TrustPrincipals.shown(role, directory)), null,
                List.of(role.resource()));
    }
}
