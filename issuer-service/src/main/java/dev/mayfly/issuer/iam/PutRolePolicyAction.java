package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.RoleCommands.PutRolePolicy;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.policy.PolicyDocument;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** PutRolePolicy: adds or replaces a role's inline policy. */
public final class PutRolePolicyAction extends DeclaredAction {

    /** IAM's quota for a role's inline policies (RolePolicySize). */
    static final int QUOTA = 10240;

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final CommandGateway commands;

    public PutRolePolicyAction(IdentityDirectory directory, Authorizer authorizer, CommandGateway commands) {
        super("PutRolePolicy", AwsService.IAM, false);
        this.directory = directory;
        this.authorizer = authorizer;
        this.commands = commands;
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
