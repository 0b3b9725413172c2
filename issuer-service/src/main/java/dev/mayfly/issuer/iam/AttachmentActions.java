package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyCommands.AttachAwsPolicy;
import dev.mayfly.issuer.api.PolicyCommands.AttachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.DetachAwsPolicy;
import dev.mayfly.issuer.api.PolicyCommands.DetachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attach, Detach and ListAttached for users, roles and groups (AttachUserPolicy, DetachRolePolicy,
 * ListAttachedGroupPolicies...): nine actions that differ only in the entity, so each is one of these three classes,
 * named and given its entity by the resource group that serves it. The caller is authorized on the entity before the
 * policy is looked at, so that it learns nothing of policies (its account's or another's) that it may not attach.
 * An entity holds at most 10 managed policies, customer- and AWS-managed together (IAM's PoliciesPerUser/Role/Group).
 */
public final class AttachmentActions {

    static final int MAX_ATTACHED = 10;

    private AttachmentActions() {
    }

    /** A managed policy still attached to the entity: IAM's DeleteConflict, for the deletes of users, roles and groups. */
    public static void requireNothingAttached(IdentityDirectory directory, EntityType type, AccountId account, String name) {
        if (!directory.policiesAttachedTo(account, type, name).isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
    }

    /** What the actions need of the entity they address. */
    private record Entity(EntityType type, String name, String arn, String accountId) {

        /** The entity, as the audit record names it. */
        Resource resource() {
            return new Resource(arn, accountId, "AWS::IAM::" + noun(type));
        }
    }

    /** How IAM spells the kind in resource types and quotas: User, Role, Group. */
    private static String noun(EntityType type) {
        return type.name().charAt(0) + type.name().substring(1).toLowerCase(Locale.ROOT);
    }

    private static Entity entity(IamAction action, ActionContext context, EntityType type) {
        String iamAction = "iam:" + action.name();
        return switch (type) {
            case USER -> {
                var user = ExistingResource.user(action.directory, action.authorizer, context, iamAction,
                        IamParameters.userName(context.parameters()));
                yield new Entity(type, user.userName(), user.arn(), user.accountId().value());
            }
            case ROLE -> {
                var role = ExistingResource.role(action.directory, action.authorizer, context, iamAction,
                        IamParameters.roleName(context.parameters()));
                yield new Entity(type, role.roleName(), role.arn(), role.accountId().value());
            }
            case GROUP -> {
                var group = ExistingResource.group(action.directory, action.authorizer, context, iamAction,
                        IamParameters.groupName(context.parameters()));
                yield new Entity(type, group.groupName(), group.arn(), group.accountId().value());
            }
        };
    }

    /**
     * The request with IAM's condition key iam:PolicyARN, the policy it attaches or detaches: how a policy lets a
     * delegate attach some policies (ReadOnlyAccess, say) and not others.
     */
    private static ActionContext withPolicyArn(ActionContext context, String policyArn) {
        return context.withRequestKeys(Map.of("iam:PolicyARN", List.of(policyArn)));
    }

    /** AttachUserPolicy, AttachRolePolicy, AttachGroupPolicy. */
    public static final class Attach extends SharedAction<EntityType> {

        public Attach(String name, EntityType type, IamServices services) {
            super(name, false, type, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String policyArn = PolicyArns.validated(context.parameters());
            Entity entity = entity(this, withPolicyArn(context, policyArn), kind);
            ManagedPolicyView view = PolicyArns.existing(directory, policyArn, context.caller().accountId()).orElseThrow(() ->
                    IamErrors.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable."));
            List<ManagedPolicyView> current = directory.policiesAttachedTo(context.caller().accountId(), kind, entity.name());
            if (current.size() >= MAX_ATTACHED && current.stream().noneMatch(p -> p.arn().equals(view.arn()))) {
                throw IamErrors.limitExceeded("Cannot exceed quota for PoliciesPer" + noun(kind) + ": " + MAX_ATTACHED);
            }
            commands.sendAndWait(view.isAwsManaged() ? new AttachAwsPolicy(PolicyArns.awsRef(view), kind, entity.name())
                    : new AttachPolicy(PolicyArns.ref(view), kind, entity.name()));
            return ActionResult.empty(List.of(entity.resource(), new Resource(view.arn(), entity.accountId(), "AWS::IAM::Policy")));
        }
    }

    /** DetachUserPolicy, DetachRolePolicy, DetachGroupPolicy. */
    public static final class Detach extends SharedAction<EntityType> {

        public Detach(String name, EntityType type, IamServices services) {
            super(name, false, type, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String policyArn = PolicyArns.validated(context.parameters());
            Entity entity = entity(this, withPolicyArn(context, policyArn), kind);
            ManagedPolicyView view = PolicyArns.existing(directory, policyArn, context.caller().accountId())
                    .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + policyArn + " was not found."));
            if (view.isAwsManaged()) {
                // an account that never attached it has no stream of its attachments to refuse the detachment
                if (directory.policiesAttachedTo(context.caller().accountId(), kind, entity.name()).stream()
                        .noneMatch(p -> p.arn().equals(view.arn()))) {
                    throw IamErrors.noSuchEntity("Policy " + view.policyName() + " was not found attached to " + entity.name() + ".");
                }
                commands.sendAndWait(new DetachAwsPolicy(PolicyArns.awsRef(view), kind, entity.name()));
            } else {
                commands.sendAndWait(new DetachPolicy(PolicyArns.ref(view), kind, entity.name()));
            }
            return ActionResult.empty(List.of(entity.resource()));
        }
    }

    /** ListAttachedUserPolicies, ListAttachedRolePolicies, ListAttachedGroupPolicies. */
    public static final class ListAttached extends SharedAction<EntityType> {

        public ListAttached(String name, EntityType type, IamServices services) {
            super(name, true, type, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            Entity entity = entity(this, context, kind);
            Pages<ManagedPolicyView> page = Pages.of(
                    directory.policiesAttachedTo(context.caller().accountId(), kind, entity.name()), context.parameters());
            return new ActionResult(xml -> page.write(xml, "AttachedPolicies", (member, policy) -> member
                    .element("PolicyName", policy.policyName()).element("PolicyArn", policy.arn())), null, List.of(entity.resource()));
        }
    }
}
