package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.DeleteGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.RoleCommands.DeleteRole;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.UserCommands.DeleteUser;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import java.util.List;

/**
 * DeleteUser, DeleteRole and DeleteGroup. IAM deletes nothing that is still in use: an entity's access keys,
 * inline policies and members are its own aggregate's to check; its attached managed policies, a user's group
 * memberships and MFA devices live in other aggregates and are checked here, from the directory.
 */
public final class DeleteEntityActions {

    private DeleteEntityActions() {
    }

    public static List<QueryAction> all(IamServices services) {
        return List.of(new DeleteUserAction(services), new DeleteRoleAction(services), new DeleteGroupAction(services));
    }

    /** A managed policy still attached to the entity: IAM's DeleteConflict. */
    private static void requireNothingAttached(IdentityDirectory directory, EntityType type, dev.mayfly.issuer.api.AccountId account,
                                               String name) {
        if (!directory.policiesAttachedTo(account, type, name).isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
    }

    private static final class DeleteUserAction extends IamAction {
        DeleteUserAction(IamServices services) {
            super("DeleteUser", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            var user = ExistingResource.user(directory, authorizer, context, "iam:DeleteUser", IamParameters.userName(context.parameters()));
            UserRef ref = new UserRef(user.accountId(), user.userName());
            if (!directory.groupsOf(ref).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
            }
            requireNothingAttached(directory, EntityType.USER, user.accountId(), user.userName());
            if (!directory.mfaDevicesOf(ref).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete MFA device first.");
            }
            commands.sendAndWait(new DeleteUser(ref, context.now()));
            return ActionResult.empty(List.of(new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User")));
        }
    }

    private static final class DeleteRoleAction extends IamAction {
        DeleteRoleAction(IamServices services) {
            super("DeleteRole", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            var role = ExistingResource.role(directory, authorizer, context, "iam:DeleteRole", IamParameters.roleName(context.parameters()));
            requireNothingAttached(directory, EntityType.ROLE, role.accountId(), role.roleName());
            commands.sendAndWait(new DeleteRole(new RoleRef(role.accountId(), role.roleName()), context.now()));
            return ActionResult.empty(List.of(role.resource()));
        }
    }

    private static final class DeleteGroupAction extends IamAction {
        DeleteGroupAction(IamServices services) {
            super("DeleteGroup", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            var group = ExistingResource.group(directory, authorizer, context, "iam:DeleteGroup", IamParameters.groupName(context.parameters()));
            requireNothingAttached(directory, EntityType.GROUP, group.accountId(), group.groupName());
            commands.sendAndWait(new DeleteGroup(new GroupRef(group.accountId(), group.groupName()), context.now()));
            return ActionResult.empty(List.of(new Resource(group.arn(), group.accountId().value(), "AWS::IAM::Group")));
        }
    }
}
