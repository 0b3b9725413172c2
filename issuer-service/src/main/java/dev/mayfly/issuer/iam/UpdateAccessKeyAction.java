package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.UserCommands.UpdateAccessKey;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;

/** UpdateAccessKey: Active or Inactive. An inactive key signs nothing until it is activated again. */
public final class UpdateAccessKeyAction extends IamAction {

    public UpdateAccessKeyAction(IamServices services) {
        super("UpdateAccessKey", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String userName = IamParameters.userNameOrCaller(context.parameters(), context.caller());
        String accessKeyId = IamParameters.accessKeyId(context.parameters());
        String status = QueryParameters.matching(context.parameters().required("Status", "status", 6, 8), "status", "Active|Inactive");
        UserRef ref = new UserRef(context.caller().accountId(), userName);
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:UpdateAccessKey", userName);
        commands.sendAndWait(new UpdateAccessKey(ref, accessKeyId, status.equals("Active"), context.now()));
        return ActionResult.empty(List.of(new Resource(user.arn(), ref.account().value(), "AWS::IAM::User")));
    }
}
