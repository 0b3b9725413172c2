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
import dev.mayfly.issuer.query.Views.InlinePolicy;
import dev.mayfly.runtime.AwsServiceException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Get, List and Delete of the inline policies of users, roles and groups (GetUserPolicy, ListRolePolicies,
 * DeleteGroupPolicy...): nine actions that differ only in the entity, so each is one of these three classes, named and
 * given its {@link Holder} by the resource group that serves it. Get answers the document URL-encoded, as IAM does;
 * List answers the names, paged.
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

        List<Resource> resources() {
            return List.of(new Resource(arn, accountId, resourceType));
        }
    }

    @FunctionalInterface
    private interface OwnerLookup {
        Owner find(IamAction action, ActionContext context);
    }

    /** An entity kind that holds inline policies: how IAM names it in errors ("user") and how to find one. */
    public static final class Holder {

        private final String noun;
        private final OwnerLookup lookup;

        private Holder(String noun, OwnerLookup lookup) {
            this.noun = noun;
            this.lookup = lookup;
        }
    }

    public static final Holder USER = new Holder("user", (action, context) -> {
        var u = ExistingResource.user(action.directory, action.authorizer, context, "iam:" + action.name(),
                IamParameters.userName(context.parameters()));
        UserRef ref = new UserRef(u.accountId(), u.userName());
        return new Owner(u.arn(), u.accountId().value(), u.policies(), "UserName", u.userName(), "AWS::IAM::User",
                name -> new DeleteUserPolicy(ref, name));
    });

    public static final Holder ROLE = new Holder("role", (action, context) -> {
        var r = ExistingResource.role(action.directory, action.authorizer, context, "iam:" + action.name(),
                IamParameters.roleName(context.parameters()));
        RoleRef ref = new RoleRef(r.accountId(), r.roleName());
        return new Owner(r.arn(), r.accountId().value(), r.policies(), "RoleName", r.roleName(), "AWS::IAM::Role",
                name -> new DeleteRolePolicy(ref, name));
    });

    public static final Holder GROUP = new Holder("group", (action, context) -> {
        var g = ExistingResource.group(action.directory, action.authorizer, context, "iam:" + action.name(),
                IamParameters.groupName(context.parameters()));
        GroupRef ref = new GroupRef(g.accountId(), g.groupName());
        return new Owner(g.arn(), g.accountId().value(), g.policies(), "GroupName", g.groupName(), "AWS::IAM::Group",
                name -> new DeleteGroupPolicy(ref, name));
    });

    /** GetUserPolicy, GetRolePolicy, GetGroupPolicy. */
    public static final class Get extends SharedAction<Holder> {

        public Get(String name, Holder holder, IamServices services) {
            super(name, true, holder, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String policyName = IamParameters.policyName(context.parameters());
            Owner owner = kind.lookup.find(this, context);
            InlinePolicy policy = owner.policies().get(policyName);
            if (policy == null) {
                throw notFound(kind, policyName);
            }
            return new ActionResult(xml -> xml.element(owner.nameElement(), owner.name()).element("PolicyName", policy.name())
                    .element("PolicyDocument", RoleXml.encoded(policy.document())), null, owner.resources());
        }
    }

    /** ListUserPolicies, ListRolePolicies, ListGroupPolicies. */
    public static final class ListNames extends SharedAction<Holder> {

        public ListNames(String name, Holder holder, IamServices services) {
            super(name, true, holder, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            Owner owner = kind.lookup.find(this, context);
            Pages<String> page = Pages.of(owner.policies().keySet().stream().sorted().toList(), context.parameters());
            return new ActionResult(xml -> page.write(xml, "PolicyNames", (member, policyName) -> member.text(policyName)), null,
                    owner.resources());
        }
    }

    /** DeleteUserPolicy, DeleteRolePolicy, DeleteGroupPolicy. */
    public static final class Delete extends SharedAction<Holder> {

        public Delete(String name, Holder holder, IamServices services) {
            super(name, false, holder, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String policyName = IamParameters.policyName(context.parameters());
            Owner owner = kind.lookup.find(this, context);
            if (!owner.policies().containsKey(policyName)) {
                throw notFound(kind, policyName);
            }
            commands.sendAndWait(owner.deletePolicy().apply(policyName));
            return ActionResult.empty(owner.resources());
        }
    }

    private static AwsServiceException notFound(Holder holder, String policyName) {
        return IamErrors.inlinePolicyNotFound(holder.noun, policyName);
    }
}
