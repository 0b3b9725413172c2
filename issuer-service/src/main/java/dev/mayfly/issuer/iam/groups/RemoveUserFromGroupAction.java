package dev.mayfly.issuer.iam.groups;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.RemoveUserFromGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.GroupView;
import java.util.List;

/** RemoveUserFromGroup: the group's policies no longer apply to the user. */
final class RemoveUserFromGroupAction extends IamAction {

    RemoveUserFromGroupAction(IamServices services) {
        super("RemoveUserFromGroup", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String groupName = IamParameters.groupName(context.parameters());
        String userName = IamParameters.userName(context.parameters());
        GroupView group = ExistingResource.group(directory, authorizer, context, "iam:RemoveUserFromGroup", groupName);
        commands.sendAndWait(new RemoveUserFromGroup(new GroupRef(group.accountId(), group.groupName()), userName));
        return ActionResult.empty(List.of(new Resource(group.arn(), group.accountId().value(), "AWS::IAM::Group")));
    }
}
