package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.RoleCommands.SetRolePermissionsBoundary;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.UserCommands.SetUserPermissionsBoundary;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Put/Delete User/Role PermissionsBoundary: a customer-managed policy that bounds what the user or role (and its
 * sessions) may do; its identity policies only count where the boundary allows too.
 */
public final class PermissionsBoundaryActions {

    private PermissionsBoundaryActions() {
    }

    /**
     * The PermissionsBoundary parameter: an existing managed policy of the caller's account, or null. Look only once
     * the caller is authorized, so that it learns nothing of policies it may not use.
     */
    static String boundary(IdentityDirectory directory, ActionContext context) {
        String arn = context.parameters().optional("PermissionsBoundary", "permissionsBoundary", 20, 2048, null);
        if (arn == null) {
            return null;
        }
        return PolicyArns.existing(directory, arn, context.caller().accountId()).map(p -> p.arn())
                .orElseThrow(() -> IamErrors.noSuchEntity("Scope ARN: " + arn + " does not exist or is not attachable."));
    }

    public static List<QueryAction> all(IdentityDirectory directory, Authorizer authorizer, CommandGateway commands) {
        return List.of(
                new DeclaredAction("PutUserPermissionsBoundary", AwsService.IAM, false) {
                    @Override
                    public ActionResult execute(ActionContext context) {
                        context.parameters().required("PermissionsBoundary", "permissionsBoundary", 20, 2048);
                        var user = ExistingResource.user(directory, authorizer, context, "iam:" + name(), IamParameters.userName(context.parameters()));
                        String arn = boundary(directory, context);
                        commands.sendAndWait(new SetUserPermissionsBoundary(new UserRef(user.accountId(), user.userName()), arn));
                        return ActionResult.empty(List.of(new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User")));
                    }
                },
                new DeclaredAction("DeleteUserPermissionsBoundary", AwsService.IAM, false) {
                    @Override
                    public ActionResult execute(ActionContext context) {
                        var user = ExistingResource.user(directory, authorizer, context, "iam:" + name(), IamParameters.userName(context.parameters()));
                        commands.sendAndWait(new SetUserPermissionsBoundary(new UserRef(user.accountId(), user.userName()), null));
                        return ActionResult.empty(List.of(new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User")));
                    }
                },
                new DeclaredAction("PutRolePermissionsBoundary", AwsService.IAM, false) {
                    @Override
                    public ActionResult execute(ActionContext context) {
                        context.parameters().required("PermissionsBoundary", "permissionsBoundary", 20, 2048);
                        var role = ExistingResource.role(directory, authorizer, context, "iam:" + name(), IamParameters.roleName(context.parameters()));
                        String arn = boundary(directory, context);
                        commands.sendAndWait(new SetRolePermissionsBoundary(new RoleRef(role.accountId(), role.roleName()), arn));
                        return ActionResult.empty(List.of(role.resource()));
                    }
                },
                new DeclaredAction("DeleteRolePermissionsBoundary", AwsService.IAM, false) {
                    @Override
                    public ActionResult execute(ActionContext context) {
                        var role = ExistingResource.role(directory, authorizer, context, "iam:" + name(), IamParameters.roleName(context.parameters()));
                        commands.sendAndWait(new SetRolePermissionsBoundary(new RoleRef(role.accountId(), role.roleName()), null));
                        return ActionResult.empty(List.of(role.resource()));
                    }
                });
    }
}
