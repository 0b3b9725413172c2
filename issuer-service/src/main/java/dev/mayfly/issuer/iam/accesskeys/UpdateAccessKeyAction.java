package dev.mayfly.issuer.iam.accesskeys;

import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import java.util.List;

/** UpdateAccessKey (a user's, or the root's own): Active or Inactive. An inactive key signs nothing until it is activated again. */
final class UpdateAccessKeyAction extends IamAction {

    UpdateAccessKeyAction(IamServices services) {
        super("UpdateAccessKey", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String accessKeyId = IamParameters.accessKeyId(context.parameters());
        String status = QueryParameters.matching(context.parameters().required("Status", "status", 6, 8), "status", "Active|Inactive");
        AccessKeyOwner owner = AccessKeyOwner.authorized(directory, authorizer, context, "iam:UpdateAccessKey");
        commands.sendAndWait(owner.update(accessKeyId, status.equals("Active"), context.now()));
        return ActionResult.empty(List.of(owner.resource()));
    }
}
