package dev.mayfly.issuer.iam.roles;

import dev.mayfly.issuer.api.RoleCommands.UpdateRole;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.RoleXml;
import dev.mayfly.issuer.iam.TrustPrincipals;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.List;

/**
 * UpdateRoleDescription: the older way of setting a role's description (Description required, "" clears it), which
 * Terraform's aws_iam_role still uses; it answers with the role as it is after the change.
 */
final class UpdateRoleDescriptionAction extends IamAction {

    UpdateRoleDescriptionAction(IamServices services) {
        super("UpdateRoleDescription", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String roleName = IamParameters.roleName(context.parameters());
        context.parameters().required("Description", "description", 0, 1000); // required here, where UpdateRole has it optional
        String description = IamParameters.roleDescription(context.parameters());
        RoleView role = ExistingResource.role(directory, authorizer, context, "iam:UpdateRoleDescription", roleName);
        RoleRef ref = new RoleRef(role.accountId(), role.roleName());
        commands.sendAndWait(new UpdateRole(ref, description, null));
        // the change is committed with the call, after this answer is written: the role as it will be
        RoleView updated = role.updated(description, role.maxSessionDuration());
        return new ActionResult(xml -> RoleXml.write(xml, TrustPrincipals.shown(updated, directory)), null, List.of(role.resource()));
    }
}
