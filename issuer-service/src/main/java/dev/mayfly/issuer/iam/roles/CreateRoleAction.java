package dev.mayfly.issuer.iam.roles;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.RoleCommands.CreateRole;
import dev.mayfly.issuer.api.RoleCommands.SetRolePermissionsBoundary;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.iam.AccountQuota;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.PermissionsBoundaryActions;
import dev.mayfly.issuer.iam.RoleXml;
import dev.mayfly.issuer.iam.TrustPrincipals;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.protocol.XmlWriter;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.policy.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateRole. */
final class CreateRoleAction extends IamAction {

    /** IAM's default quota for a role trust policy (ACLSizePerRole). */
    static final int TRUST_POLICY_QUOTA = 2048;

    CreateRoleAction(IamServices services) {
        super("CreateRole", false, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        QueryParameters parameters = context.parameters();
        String roleName = IamParameters.roleName(parameters);
        String path = IamParameters.path(parameters);
        String trustPolicy = IamParameters.policy(parameters, "AssumeRolePolicyDocument", "assumeRolePolicyDocument",
                TRUST_POLICY_QUOTA, "ACLSizePerRole", PolicyDocument::requireTrustPolicy);
        String description = IamParameters.roleDescription(parameters);
        int maxSessionDuration = parameters.optionalInt("MaxSessionDuration", "maxSessionDuration", 3600);
        Map<String, String> tags = Tags.parse(parameters, "InvalidInput");
        RoleRef role = new RoleRef(context.caller().accountId(), roleName);
        String arn = "arn:aws:iam::" + role.account().value() + ":role" + path + roleName;
        authorizeCreation(context, "iam:CreateRole", "iam:TagRole", arn, tags);
        AccountQuota.ROLES.requireRoomForOneMore(directory, context.caller().accountId());
        String boundary = PermissionsBoundaryActions.boundary(directory, context);
        Map<String, String> trustPrincipalIds = TrustPrincipals.bound(trustPolicy, role.account(), directory);
        String roleId = CredentialIds.roleId();
        commands.sendAndWait(new CreateRole(role, path, roleId, trustPolicy, trustPrincipalIds, description, maxSessionDuration, tags,
                context.now()));
        if (boundary != null) {
            commands.sendAndWait(new SetRolePermissionsBoundary(role, boundary));
        }
        RoleView created = new RoleView(role.account(), roleName, roleId, path, arn, trustPolicy, trustPrincipalIds, null, description,
                maxSessionDuration, context.now(), Map.of(), boundary, tags);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("path", path);
        recorded.put("roleName", roleName);
        recorded.put("roleId", roleId);
        recorded.put("arn", arn);
        recorded.put("createDate", XmlWriter.timestamp(context.now()));
        recorded.put("maxSessionDuration", maxSessionDuration);
        return new ActionResult(xml -> RoleXml.write(xml, created), Map.of("role", recorded),
                List.of(new Resource(arn, role.account().value(), "AWS::IAM::Role")));
    }
}
