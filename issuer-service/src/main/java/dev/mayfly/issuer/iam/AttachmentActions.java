package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyCommands.AttachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.DetachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Attach, Detach and ListAttached for users, roles and groups: nine actions that differ only in the entity. The caller
 * is authorized on the entity before the policy is looked at, so that it learns nothing of policies (its account's or
 * another's) that it may not attach.
 * An entity holds at most 10 managed policies (IAM's PoliciesPerUser/Role/Group).
 */
public final class AttachmentActions {

    static final int MAX_ATTACHED = 10;

    private AttachmentActions() {
    }

    /** What the actions need of the entity they address. */
    private record Entity(EntityType type, String name, String arn, String accountId) {
    }

    private static Entity entity(IdentityDirectory directory, Authorizer authorizer, ActionContext context, EntityType type, String action) {
        return switch (type) {
            case USER -> {
                var user = ExistingResource.user(directory, authorizer, context, action, IamParameters.userName(context.parameters()));
                yield new Entity(type, user.userName(), user.arn(), user.accountId().value());
            }
            case ROLE -> {
                var role = ExistingResource.role(directory, authorizer, context, action, IamParameters.roleName(context.parameters()));
                yield new Entity(type, role.roleName(), role.arn(), role.accountId().value());
            }
            case GROUP -> {
                var group = ExistingResource.group(directory, authorizer, context, action, IamParameters.groupName(context.parameters()));
                yield new Entity(type, group.groupName(), group.arn(), group.accountId().value());
            }
        };
    }

    public static List<QueryAction> all(IdentityDirectory directory, Authorizer authorizer,
                                        org.axonframework.commandhandling.gateway.CommandGateway commands) {
        List<QueryAction> actions = new ArrayList<>();
        for (EntityType type : EntityType.values()) {
            String noun = type.name().charAt(0) + type.name().substring(1).toLowerCase(Locale.ROOT);
            String resourceType = "AWS::IAM::" + noun;
            actions.add(new DeclaredAction("Attach" + noun + "Policy", AwsService.IAM, false) {
                @Override
                public ActionResult execute(ActionContext context) {
                    String policyArn = PolicyArns.validated(context.parameters());
                    Entity entity = entity(directory, authorizer, context, type, "iam:" + name());
                    ManagedPolicyView view = PolicyArns.existing(directory, policyArn, context.caller().accountId()).orElseThrow(() ->
                            IamErrors.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable."));
                    PolicyRef policy = ManagedPolicyActions.ref(view);
                    List<ManagedPolicyView> current = directory.policiesAttachedTo(context.caller().accountId(), type, entity.name());
                    if (current.size() >= MAX_ATTACHED && current.stream().noneMatch(p -> p.arn().equals(view.arn()))) {
                        throw IamErrors.limitExceeded("Cannot exceed quota for PoliciesPer" + noun + ": " + MAX_ATTACHED);
                    }
                    commands.sendAndWait(new AttachPolicy(policy, type, entity.name()));
                    return ActionResult.empty(List.of(new Resource(entity.arn(), entity.accountId(), resourceType),
                            new Resource(view.arn(), entity.accountId(), "AWS::IAM::Policy")));
                }
            });
            actions.add(new DeclaredAction("Detach" + noun + "Policy", AwsService.IAM, false) {
                @Override
                public ActionResult execute(ActionContext context) {
                    String policyArn = PolicyArns.validated(context.parameters());
                    Entity entity = entity(directory, authorizer, context, type, "iam:" + name());
                    PolicyRef policy = PolicyArns.existing(directory, policyArn, context.caller().accountId()).map(ManagedPolicyActions::ref)
                            .orElseThrow(() -> IamErrors.noSuchEntity("Policy " + policyArn + " was not found."));
                    commands.sendAndWait(new DetachPolicy(policy, type, entity.name()));
                    return ActionResult.empty(List.of(new Resource(entity.arn(), entity.accountId(), resourceType)));
                }
            });
            actions.add(new DeclaredAction("ListAttached" + noun + "Policies", AwsService.IAM, true) {
                @Override
                public ActionResult execute(ActionContext context) {
                    Entity entity = entity(directory, authorizer, context, type, "iam:" + name());
                    Pages<ManagedPolicyView> page = Pages.of(
                            directory.policiesAttachedTo(context.caller().accountId(), type, entity.name()), context.parameters());
                    return new ActionResult(xml -> page.write(xml, "AttachedPolicies", (member, policy) -> member
                            .element("PolicyName", policy.policyName()).element("PolicyArn", policy.arn())), null,
                            List.of(new Resource(entity.arn(), entity.accountId(), resourceType)));
                }
            });
        }
        return actions;
    }
}
