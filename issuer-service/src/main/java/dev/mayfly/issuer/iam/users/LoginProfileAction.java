package dev.mayfly.issuer.iam.users;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.UserView;

/**
 * GetLoginProfile and DeleteLoginProfile. Mayfly has no console and keeps no passwords, so every user is a user without
 * a login profile, and both answer as IAM answers for one: NoSuchEntity, "Login Profile for User X cannot be found"
 * (Terraform's user destroy deletes the login profile and takes that answer for done). A caller that may not, or a user
 * that does not exist, gets what every user action answers.
 */
final class LoginProfileAction extends IamAction {

    LoginProfileAction(String name, boolean readOnly, IamServices services) {
        super(name, readOnly, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:" + name(),
                IamParameters.userNameOrCaller(context.parameters(), context.caller()));
        throw IamErrors.loginProfileNotFound(user.userName());
    }
}
