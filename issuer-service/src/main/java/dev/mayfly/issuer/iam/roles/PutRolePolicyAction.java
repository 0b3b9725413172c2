package dev.mayfly.issuer.iam.roles;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.RoleCommands.PutRolePolicy;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.policy.PolicyDocument;
import java.util.List;

/** PutRolePolicy: adds or replaces a role's inline policy. */
final class PutRolePolicyAction extends IamAction {

    /** IAM's quota for a role's inline policies (RolePolicySize). */
    static final int QUOTA = 10240;

    PutRolePolicyAction(IamServices services) {
        super("PutRolePolicy", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String roleName = IamParameters.roleName(context.parameters());
        String policyName = IamParameters.policyName(context.parameters());
        String document = IamParameters.policy(context.parameters(), "PolicyDocument", "policyDocument", QUOTA,
                "RolePolicySize", PolicyDocument::requireIdentityPolicy);
        RoleRef ref = new RoleRef(context.caller().accountId(), roleName);
        RoleView role = ExistingResource.role(directory, authorizer, context, "iam:PutRolePolicy", roleName);
        commands.sendAndWait(new PutRolePolicy(ref, policyName, document));
        return ActionResult.empty(List.of(new Resource(role.arn(), ref.account().value(), "AWS::IAM::Role")));
    }
}
