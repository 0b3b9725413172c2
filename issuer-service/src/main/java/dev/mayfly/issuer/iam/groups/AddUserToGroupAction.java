package dev.mayfly.issuer.iam.groups;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.AddUserToGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.GroupView;
import java.util.List;

/** AddUserToGroup: the group's policies apply to the user from now on. A user is in at most 10 groups. */
final class AddUserToGroupAction extends IamAction {

    /** IAM's quota: GroupsPerUser. */
    static final int MAX_GROUPS_PER_USER = 10;

    AddUserToGroupAction(IamServices services) {
        super("AddUserToGroup", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String groupName = IamParameters.groupName(context.parameters());
        String userName = IamParameters.userName(context.parameters());
        GroupView group = ExistingResource.group(directory, authorizer, context, "iam:AddUserToGroup", groupName);
        UserRef user = new UserRef(context.caller().accountId(), userName);
        if (directory.user(user).isEmpty()) {
            throw IamErrors.userNotFound(userName);
        }
        boolean alreadyMember = group.members().contains(userName.toLowerCase(java.util.Locale.ROOT));
        if (!alreadyMember && directory.groupsOf(user).size() >= MAX_GROUPS_PER_USER) {
            throw IamErrors.limitExceeded("Cannot exceed quota for GroupsPerUser: " + MAX_GROUPS_PER_USER);
        }
        commands.sendAndWait(new AddUserToGroup(new GroupRef(group.accountId(), group.groupName()), userName));
        return ActionResult.empty(List.of(new Resource(group.arn(), group.accountId().value(), "AWS::IAM::Group")));
    }
}
