package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;

/** GetUser: a user, or without UserName the calling user itself. */
public final class GetUserAction extends DeclaredAction {

    private final IdentityDirectory directory;
    private final Authorizer authorizer;

    public GetUserAction(IdentityDirectory directory, Authorizer authorizer) {
        super("GetUser", AwsService.IAM, true);
        this.directory = directory;
        this.authorizer = authorizer;
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
