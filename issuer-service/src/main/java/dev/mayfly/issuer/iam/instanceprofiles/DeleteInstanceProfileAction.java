package dev.mayfly.issuer.iam.instanceprofiles;

import dev.mayfly.issuer.api.InstanceProfileCommands.DeleteInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import java.util.List;

/** DeleteInstanceProfile: refused (DeleteConflict) while the profile holds a role, which its aggregate checks. */
final class DeleteInstanceProfileAction extends IamAction {

    DeleteInstanceProfileAction(IamServices services) {
        super("DeleteInstanceProfile", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        InstanceProfileView profile = ExistingResource.instanceProfile(directory, authorizer, context, "iam:DeleteInstanceProfile",
                IamParameters.instanceProfileName(context.parameters()));
        commands.sendAndWait(new DeleteInstanceProfile(new InstanceProfileRef(profile.accountId(), profile.instanceProfileName()),
                context.now()));
        return ActionResult.empty(List.of(profile.resource()));
    }
}
