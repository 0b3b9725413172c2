package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.List;

/** GetRole. */
public final class GetRoleAction extends DeclaredAction {

    private final IdentityDirectory directory;
    private final Authorizer authorizer;

    public GetRoleAction(IdentityDirectory directory, Authorizer authorizer) {
        super("GetRole", AwsService.IAM, true);
        this.directory = directory;
        this.authorizer = authorizer;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String roleName = IamParameters.roleName(context.parameters());
        RoleRef ref = new RoleRef(context.caller().accountId(), roleName);
        RoleView role = ExistingResource.role(directory, authorizer, context, "iam:GetRole", roleName);
        return new ActionResult(xml -> RoleXml.write(xml, role), null,
                List.of(new Resource(role.arn(), role.accountId().value(), "AWS::IAM::Role")));
    }
}
