package dev.mayfly.issuer.iam.users;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.GroupXml;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;

/** ListGroupsForUser, paged. */
final class ListGroupsForUserAction extends IamAction {

    ListGroupsForUserAction(IamServices services) {
        super("ListGroupsForUser", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:ListGroupsForUser",
                IamParameters.userName(context.parameters()));
        Pages<GroupView> page = Pages.of(directory.groupsOf(new UserRef(user.accountId(), user.userName())), context.parameters());
        return new ActionResult(xml -> page.write(xml, "Groups", GroupXml::write), null,
                List.of(new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User")));
    }
}
