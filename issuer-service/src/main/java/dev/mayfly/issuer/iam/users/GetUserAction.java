package dev.mayfly.issuer.iam.users;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.UserXml;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;

/** GetUser: a user, or without UserName the calling user itself. */
final class GetUserAction extends IamAction {

    GetUserAction(IamServices services) {
        super("GetUser", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String userName = IamParameters.userNameOrCaller(context.parameters(), context.caller());
        UserRef ref = new UserRef(context.caller().accountId(), userName);
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:GetUser", userName);
        return new ActionResult(xml -> UserXml.write(xml, user), null,
                List.of(new Resource(user.arn(), ref.account().value(), "AWS::IAM::User")));
    }
}
