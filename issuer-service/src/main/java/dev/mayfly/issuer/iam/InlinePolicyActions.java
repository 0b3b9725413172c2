package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.GroupCommands.DeleteGroupPolicy;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.RoleCommands.DeleteRolePolicy;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.UserCommands.DeleteUserPolicy;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.Views.InlinePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Get, List and Delete of the inline policies of users, roles and groups (GetUserPolicy, ListRolePolicies,
 * DeleteGroupPolicy...): nine actions that differ only in the entity. Get answers the document URL-encoded, as IAM
 * does; List answers the names, paged.
 */
public final class InlinePolicyActions {

    private InlinePolicyActions() {
    }

    /**
     * What the actions need of their entity: its ARN, its policies, how IAM names it in elements and errors, and the
     * command that deletes one of its policies.
     */
    private record Owner(String arn, String accountId, Map<String, InlinePolicy> policies, String nameElement, String name,
                         String resourceType, Function<String, Object> deletePolicy) {
    }

    @FunctionalInterface
    private interface OwnerLookup {
        Owner find(ActionContext context, String action);
    }

    /** An entity kind: the noun in the action names ("User") and how to find one. */
    private record Kind(String noun, OwnerLookup lookup) {
    }

    public static List<QueryAction> all(IamServices services) {
        var directory = services.directory();
        var authorizer = services.authorizer();
        Kind user = new Kind("User", (context, action) -> {
            var u = ExistingResource.user(directory, authorizer, context, action, IamParameters.userName(context.parameters()));
            UserRef ref = new UserRef(u.accountId(), u.userName());
            return new Owner(u.arn(), u.accountId().value(), u.policies(), "UserName", u.userName(), "AWS::IAM::User",
                    name -> new DeleteUserPolicy(ref, name));
        });
        Kind role = new Kind("Role", (context, action) -> {
            var r = ExistingResource.role(directory, authorizer, context, action, IamParameters.roleName(context.parameters()));
            RoleRef ref = new RoleRef(r.accountId(), r.roleName());
            return new Owner(r.arn(), r.accountId().value(), r.policies(), "RoleName", r.roleName(), "AWS::IAM::Role",
                    name -> new DeleteRolePolicy(ref, name));
        });
        Kind group = new Kind("Group", (context, action) -> {
            var g = ExistingResource.group(directory, authorizer, context, action, IamParameters.groupName(context.parameters()));
            GroupRef ref = new GroupRef(g.accountId(), g.groupName());
            return new Owner(g.arn(), g.accountId().value(), g.policies(), "GroupName", g.groupName(), "AWS::IAM::Group",
                    name -> new DeleteGroupPolicy(ref, name));
        });
        List<QueryAction> actions = new ArrayList<>();
        for (Kind kind : List.of(user, role, group)) {
            actions.add(get(kind));
            actions.add(list(kind));
            actions.add(delete(kind, services));
        }
        return actions;
    }

    private static QueryAction get(Kind kind) {
        return new DeclaredAction("Get" + kind.noun() + "Policy", AwsService.IAM, true) {
            @Override
            public ActionResult execute(ActionContext context) {
                String policyName = IamParameters.policyName(context.parameters());
                Owner owner = kind.lookup().find(context, "iam:" + name());
                InlinePolicy policy = owner.policies().get(policyName);
                if (policy == null) {
                    throw notFound(kind, policyName);
                }
                return new ActionResult(xml -> xml.element(owner.nameElement(), owner.name()).element("PolicyName", policy.name())
                        .element("PolicyDocument", RoleXml.encoded(policy.document())), null, resources(owner));
            }
        };
    }

    private static QueryAction list(Kind kind) {
        return new DeclaredAction("List" + kind.noun() + "Policies", AwsService.IAM, true) {
            @Override
            public ActionResult execute(ActionContext context) {
                Owner owner = kind.lookup().find(context, "iam:" + name());
                Pages<String> page = Pages.of(owner.policies().keySet().stream().sorted().toList(), context.parameters());
                return new ActionResult(xml -> page.write(xml, "PolicyNames", (member, policyName) -> member.text(policyName)), null,
                        resources(owner));
            }
        };
    }

    private static QueryAction delete(Kind kind, IamServices services) {
        return new DeclaredAction("Delete" + kind.noun() + "Policy", AwsService.IAM, false) {
            @Override
            public ActionResult execute(ActionContext context) {
                String policyName = IamParameters.policyName(context.parameters());
                Owner owner = kind.lookup().find(context, "iam:" + name());
                if (!owner.policies().containsKey(policyName)) {
                    throw notFound(kind, policyName);
                }
                services.commands().sendAndWait(owner.deletePolicy().apply(policyName));
                return ActionResult.empty(resources(owner));
            }
        };
    }

    private static dev.mayfly.runtime.AwsServiceException notFound(Kind kind, String policyName) {
        return IamErrors.inlinePolicyNotFound(kind.noun().toLowerCase(java.util.Locale.ROOT), policyName);
    }

    private static List<Resource> resources(Owner owner) {
        return List.of(new Resource(owner.arn(), owner.accountId(), owner.resourceType()));
    }
}
