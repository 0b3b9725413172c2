package dev.mayfly.issuer.iam.roles;

import dev.mayfly.issuer.api.RoleCommands.UpdateRole;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.List;

/** UpdateRole: a role's Description and MaxSessionDuration; what is not given stays as it is. */
final class UpdateRoleAction extends IamAction {

    UpdateRoleAction(IamServices services) {
        super("UpdateRole", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String roleName = IamParameters.roleName(context.parameters());
        String description = IamParameters.roleDescription(context.parameters());
        Integer maxSessionDuration = context.parameters().get("MaxSessionDuration") == null ? null
                : context.parameters().optionalInt("MaxSessionDuration", "maxSessionDuration", 0);
        RoleView role = ExistingResource.role(directory, authorizer, context, "iam:UpdateRole", roleName);
        commands.sendAndWait(new UpdateRole(new RoleRef(role.accountId(), role.roleName()), description, maxSessionDuration));
        return ActionResult.empty(List.of(role.resource()));
    }
}
