package dev.mayfly.issuer.iam.users;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.UserCommands.UpdateUserPath;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;

/**
 * UpdateUser: NewPath moves the user (its ARN changes with it). NewUserName may only be the user's own name, which is
 * how Terraform's aws_iam_user changes a path; a real rename is refused (InvalidInput), as Mayfly does not rename users
 * yet (docs/compatibility.md).
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
        if (newName != null && !newName.equals(user.userName())) {
            throw IamErrors.renameNotSupported("user", user.userName());
        }
        if (newPath != null) {
            commands.sendAndWait(new UpdateUserPath(new UserRef(user.accountId(), user.userName()), newPath));
        }
        return ActionResult.empty(List.of(new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User")));
    }
}
