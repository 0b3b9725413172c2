package dev.mayfly.issuer.iam.roles;

import dev.mayfly.issuer.api.RoleCommands.UpdateAssumeRolePolicy;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.TrustPrincipals;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.policy.PolicyDocument;
import java.util.List;

/** UpdateAssumeRolePolicy: replaces a role's trust policy; it decides every AssumeRole from the next call on. */
final class UpdateAssumeRolePolicyAction extends IamAction {

    UpdateAssumeRolePolicyAction(IamServices services) {
        super("UpdateAssumeRolePolicy", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String roleName = IamParameters.roleName(context.parameters());
        String trustPolicy = IamParameters.policy(context.parameters(), "PolicyDocument", "policyDocument",
                CreateRoleAction.TRUST_POLICY_QUOTA, "ACLSizePerRole", PolicyDocument::requireTrustPolicy);
        RoleView role = ExistingResource.role(directory, authorizer, context, "iam:UpdateAssumeRolePolicy", roleName);
        commands.sendAndWait(new UpdateAssumeRolePolicy(new RoleRef(role.accountId(), role.roleName()), trustPolicy,
                TrustPrincipals.bound(trustPolicy, role.accountId(), directory), context.now()));
        return ActionResult.empty(List.of(role.resource()));
    }
}
