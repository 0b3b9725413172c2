package dev.mayfly.issuer.iam.instanceprofiles;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.InstanceProfileCommands.RemoveRoleFromInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.ArrayList;
import java.util.List;

/** RemoveRoleFromInstanceProfile: NoSuchEntity when the profile does not hold that role, which its aggregate checks. */
final class RemoveRoleFromInstanceProfileAction extends IamAction {

    RemoveRoleFromInstanceProfileAction(IamServices services) {
        super("RemoveRoleFromInstanceProfile", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String profileName = IamParameters.instanceProfileName(context.parameters());
        String roleName = IamParameters.roleName(context.parameters());
        InstanceProfileView profile = ExistingResource.instanceProfile(directory, authorizer, context,
                "iam:RemoveRoleFromInstanceProfile", profileName);
        commands.sendAndWait(new RemoveRoleFromInstanceProfile(new InstanceProfileRef(profile.accountId(), profile.instanceProfileName()),
                roleName));
        List<Resource> resources = new ArrayList<>(List.of(profile.resource()));
        directory.role(new RoleRef(profile.accountId(), roleName)).map(RoleView::resource).ifPresent(resources::add);
        return ActionResult.empty(resources);
    }
}
