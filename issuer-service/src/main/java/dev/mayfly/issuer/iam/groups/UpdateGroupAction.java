package dev.mayfly.issuer.iam.groups;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.GroupHandover;
import dev.mayfly.issuer.api.GroupCommands.ReceiveRenamedGroup;
import dev.mayfly.issuer.api.GroupCommands.RenameGroup;
import dev.mayfly.issuer.api.GroupCommands.UpdateGroupPath;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.PolicyCommands.AttachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.DetachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import java.util.List;

/**
 * UpdateGroup: NewPath moves the group, NewGroupName renames it; either way its id, members and policies stay. As IAM
 * asks, a rename or a move needs iam:UpdateGroup on the group's ARN before and after. A group is kept by its name, so a rename moves it
 * to the new name's stream (the old name is free at once, the new one must be) and its managed policies' attachments
 * with it; the call is one transaction, so a refusal midway changes nothing.
 */
final class UpdateGroupAction extends IamAction {

    UpdateGroupAction(IamServices services) {
        super("UpdateGroup", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        QueryParameters parameters = context.parameters();
        String groupName = IamParameters.groupName(parameters);
        String newName = parameters.get("NewGroupName") == null ? null
                : QueryParameters.matching(parameters.required("NewGroupName", "newGroupName", 1, 128), "newGroupName",
                IamParameters.NAME_PATTERN);
        String newPath = parameters.get("NewPath") == null ? null
                : QueryParameters.matching(parameters.required("NewPath", "newPath", 1, 512), "newPath", IamParameters.PATH_PATTERN);
        GroupView group = ExistingResource.group(directory, authorizer, context, "iam:UpdateGroup", groupName);
        GroupRef ref = new GroupRef(group.accountId(), group.groupName());
        boolean renamed = newName != null && !newName.equals(group.groupName());
        boolean moved = newPath != null && !newPath.equals(group.path());
        if (renamed || moved) {
            // a move, by name or by path alone: IAM asks for permission on both sides, the ARN it leaves and the one it takes
            String newArn = "arn:aws:iam::" + ref.account().value() + ":group" + (moved ? newPath : group.path())
                    + (renamed ? newName : group.groupName());
            authorizer.authorize(context.caller(), "iam:UpdateGroup", newArn, context.conditionKeys());
        }
        if (!renamed) {
            if (newPath != null) {
                commands.sendAndWait(new UpdateGroupPath(ref, newPath));
            }
        } else {
            rename(group, ref, new GroupRef(group.accountId(), newName), newPath == null ? group.path() : newPath);
        }
        return ActionResult.empty(List.of(new Resource(group.arn(), group.accountId().value(), "AWS::IAM::Group")));
    }

    private void rename(GroupView group, GroupRef from, GroupRef to, String path) {
        List<ManagedPolicyView> attached = directory.policiesAttachedTo(from.account(), EntityType.GROUP, from.groupName());
        GroupHandover handover = commands.sendAndWait(new RenameGroup(from, to, path));
        if (!to.toString().equals(from.toString())) {
            commands.sendAndWait(new ReceiveRenamedGroup(to, from, path, handover.groupId(), handover.members(), handover.policyNames(),
                    group.createdAt()));
        }
        for (ManagedPolicyView policy : attached) {
            PolicyRef policyRef = new PolicyRef(policy.accountId(), policy.policyName());
            commands.sendAndWait(new DetachPolicy(policyRef, EntityType.GROUP, from.groupName()));
            commands.sendAndWait(new AttachPolicy(policyRef, EntityType.GROUP, to.groupName()));
        }
    }
}
