package dev.mayfly.issuer.iam.instanceprofiles;

import dev.mayfly.issuer.api.InstanceProfileCommands.AddRoleToInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.List;

/**
 * AddRoleToInstanceProfile. Whoever puts a role in a profile hands it to what runs with the profile, so IAM asks for
 * iam:PassRole on the role besides iam:AddRoleToInstanceProfile on the profile; one role per profile (LimitExceeded).
 */
final class AddRoleToInstanceProfileAction extends IamAction {

    AddRoleToInstanceProfileAction(IamServices services) {
        super("AddRoleToInstanceProfile", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String profileName = IamParameters.instanceProfileName(context.parameters());
        String roleName = IamParameters.roleName(context.parameters());
        InstanceProfileView profile = ExistingResource.instanceProfile(directory, authorizer, context, "iam:AddRoleToInstanceProfile",
                profileName);
        RoleView role = ExistingResource.role(directory, authorizer, context, "iam:PassRole", roleName);
        commands.sendAndWait(new AddRoleToInstanceProfile(new InstanceProfileRef(profile.accountId(), profile.instanceProfileName()),
                role.roleName()));
        return ActionResult.empty(List.of(profile.resource(), role.resource()));
    }
}
