package dev.mayfly.issuer.iam.users;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserCommands.CreateUser;
import dev.mayfly.issuer.api.UserCommands.SetUserPermissionsBoundary;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.iam.AccountQuota;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.PermissionsBoundaryActions;
import dev.mayfly.issuer.iam.UserXml;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;
import java.util.Map;

/** CreateUser. */
final class CreateUserAction extends IamAction {

    CreateUserAction(IamServices services) {
        super("CreateUser", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String userName = IamParameters.userName(context.parameters());
        String path = IamParameters.path(context.parameters());
        Map<String, String> tags = Tags.parse(context.parameters(), "InvalidInput");
        UserRef user = new UserRef(context.caller().accountId(), userName);
        String arn = "arn:aws:iam::" + user.account().value() + ":user" + path + userName;
        authorizeCreation(context, "iam:CreateUser", "iam:TagUser", arn, tags);
        AccountQuota.USERS.requireRoomForOneMore(directory, user.account());
        String boundary = PermissionsBoundaryActions.boundary(directory, context);
        String userId = CredentialIds.userId();
        commands.sendAndWait(new CreateUser(user, path, userId, tags, context.now()));
        if (boundary != null) {
            commands.sendAndWait(new SetUserPermissionsBoundary(user, boundary));
        }
        UserView created = new UserView(user.account(), userName, userId, path, arn, context.now(), Map.of(), boundary, tags);
        return new ActionResult(xml -> UserXml.write(xml, created), Map.of("user", UserXml.recorded(created)),
                List.of(new Resource(arn, user.account().value(), "AWS::IAM::User")));
    }
}
