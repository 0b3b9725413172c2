package dev.mayfly.issuer.iam.roles;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.RoleCommands.DeleteRole;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.iam.AttachmentActions;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import java.util.List;

/**
 * DeleteRole. IAM deletes nothing that is still in use: the role's inline policies are its own aggregate's to check;
 * its attached managed policies and the instance profiles that hold it live in other aggregates and are checked here,
 * from the directory (IAM refuses a role still in an instance profile first).
 */
final class DeleteRoleAction extends IamAction {

    DeleteRoleAction(IamServices services) {
        super("DeleteRole", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        var role = ExistingResource.role(directory, authorizer, context, "iam:DeleteRole", IamParameters.roleName(context.parameters()));
        if (!directory.instanceProfilesOf(new RoleRef(role.accountId(), role.roleName())).isEmpty()) {
            throw IamErrors.rolesInInstanceProfile();
        }
        AttachmentActions.requireNothingAttached(directory, EntityType.ROLE, role.accountId(), role.roleName());
        commands.sendAndWait(new DeleteRole(new RoleRef(role.accountId(), role.roleName()), context.now()));
        return ActionResult.empty(List.of(role.resource()));
    }
}
