package dev.mayfly.issuer.iam.users;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.UserCommands.DeleteUser;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.AttachmentActions;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import java.util.List;

/**
 * DeleteUser. IAM deletes nothing that is still in use: the user's access keys and inline policies are its own
 * aggregate's to check; its attached managed policies, group memberships and MFA devices live in other aggregates and
 * are checked here, from the directory.
 */
final class DeleteUserAction extends IamAction {

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
        AttachmentActions.requireNothingAttached(directory, EntityType.USER, user.accountId(), user.userName());
        if (!directory.mfaDevicesOf(ref).isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete MFA device first.");
        }
        commands.sendAndWait(new DeleteUser(ref, context.now()));
        return ActionResult.empty(List.of(new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User")));
    }
}
