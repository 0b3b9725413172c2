package dev.mayfly.issuer.iam.instanceprofiles;

import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.InstanceProfileXml;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import java.util.List;

/** GetInstanceProfile: the profile, its role and its tags. */
final class GetInstanceProfileAction extends IamAction {

    GetInstanceProfileAction(IamServices services) {
        super("GetInstanceProfile", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        InstanceProfileView profile = ExistingResource.instanceProfile(directory, authorizer, context, "iam:GetInstanceProfile",
                IamParameters.instanceProfileName(context.parameters()));
        return new ActionResult(xml -> InstanceProfileXml.write(xml, profile, directory), null, List.of(profile.resource()));
    }
}
