package dev.mayfly.issuer.iam.users;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.AddUserToGroup;
import dev.mayfly.issuer.api.GroupCommands.RemoveUserFromGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.MfaCommands.RenameMfaDeviceUser;
import dev.mayfly.issuer.api.PolicyCommands.AttachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.DetachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.UserCommands.ReceiveRenamedUser;
import dev.mayfly.issuer.api.UserCommands.RenameUser;
import dev.mayfly.issuer.api.UserCommands.UpdateUserPath;
import dev.mayfly.issuer.api.UserCommands.UserHandover;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.MfaDeviceView;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;

/**
 * UpdateUser: NewPath moves the user, NewUserName renames it; either way its id, access keys (which go on signing),
 * policies, groups and MFA devices stay. As IAM asks, a rename or a move needs iam:UpdateUser on the user's ARN before
 * and after (so that one allowed to manage /division_abc/ cannot move a user into /division_efg/). A user
 * is kept by its name, so a rename moves it to the new name's stream (the old name is free at once, the new one must
 * be), and what names it elsewhere follows: its groups' member lists, its managed policies' attachments, its MFA
 * devices. The call is one transaction, so a refusal midway changes nothing. A user that a quarantine names keeps its
 * ARN (name and path) until the quarantine ends, as the quarantine names that ARN.
 */
final class UpdateUserAction extends IamAction {

    UpdateUserAction(IamServices services) {
        super("UpdateUser", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        QueryParameters parameters = context.parameters();
        String userName = IamParameters.userName(parameters);
        String newName = parameters.get("NewUserName") == null ? null
                : QueryParameters.matching(parameters.required("NewUserName", "newUserName", 1, 64), "newUserName", IamParameters.NAME_PATTERN);
        String newPath = parameters.get("NewPath") == null ? null
                : QueryParameters.matching(parameters.required("NewPath", "newPath", 1, 512), "newPath", IamParameters.PATH_PATTERN);
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:UpdateUser", userName);
        UserRef ref = new UserRef(user.accountId(), user.userName());
        boolean renamed = newName != null && !newName.equals(user.userName());
        boolean moved = newPath != null && !newPath.equals(user.path());
        if (renamed || moved) {
            authorizer.refuseMovingQuarantined(user.accountId().value(), user.arn(), "iam:UpdateUser");
            // a move, by name or by path alone: IAM asks for permission on both sides, the ARN it leaves and the one it takes
            String newArn = "arn:aws:iam::" + ref.account().value() + ":user" + (moved ? newPath : user.path())
                    + (renamed ? newName : user.userName());
            authorizer.authorize(context.caller(), "iam:UpdateUser", newArn, context.conditionKeys());
        }
        if (!renamed) {
            if (newPath != null) {
                commands.sendAndWait(new UpdateUserPath(ref, newPath));
            }
        } else {
            rename(user, ref, new UserRef(user.accountId(), newName), newPath == null ? user.path() : newPath);
        }
        return ActionResult.empty(List.of(new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User")));
    }

    private void rename(UserView user, UserRef from, UserRef to, String path) {
        List<GroupView> groups = directory.groupsOf(from);
        List<ManagedPolicyView> attached = directory.policiesAttachedTo(from.account(), EntityType.USER, from.userName());
        List<MfaDeviceView> devices = directory.mfaDevicesOf(from);
        UserHandover handover = commands.sendAndWait(new RenameUser(from, to, path));
        if (!to.toString().equals(from.toString())) {
            commands.sendAndWait(new ReceiveRenamedUser(to, from, path, handover, user.createdAt()));
        }
        for (GroupView group : groups) {
            GroupRef groupRef = new GroupRef(group.accountId(), group.groupName());
            commands.sendAndWait(new RemoveUserFromGroup(groupRef, from.userName()));
            commands.sendAndWait(new AddUserToGroup(groupRef, to.userName()));
        }
        for (ManagedPolicyView policy : attached) {
            PolicyRef policyRef = new PolicyRef(policy.accountId(), policy.policyName());
            commands.sendAndWait(new DetachPolicy(policyRef, EntityType.USER, from.userName()));
            commands.sendAndWait(new AttachPolicy(policyRef, EntityType.USER, to.userName()));
        }
        for (MfaDeviceView device : devices) {
            commands.sendAndWait(new RenameMfaDeviceUser(device.ref(), to.userName()));
        }
    }
}
