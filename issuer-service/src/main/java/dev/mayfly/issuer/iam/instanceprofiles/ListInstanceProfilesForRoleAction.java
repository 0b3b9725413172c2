package dev.mayfly.issuer.iam.instanceprofiles;

import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.InstanceProfileXml;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.InstanceProfileView;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.List;

/** ListInstanceProfilesForRole: the profiles that hold a role, by name, paged; authorized on the role. */
final class ListInstanceProfilesForRoleAction extends IamAction {

    ListInstanceProfilesForRoleAction(IamServices services) {
        super("ListInstanceProfilesForRole", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        RoleView role = ExistingResource.role(directory, authorizer, context, "iam:ListInstanceProfilesForRole",
                IamParameters.roleName(context.parameters()));
        Pages<InstanceProfileView> page = Pages.of(directory.instanceProfilesOf(new RoleRef(role.accountId(), role.roleName())),
                context.parameters());
        return new ActionResult(xml -> page.write(xml, "InstanceProfiles",
                (member, profile) -> InstanceProfileXml.fields(member, profile, directory)), null, List.of(role.resource()));
    }
}
