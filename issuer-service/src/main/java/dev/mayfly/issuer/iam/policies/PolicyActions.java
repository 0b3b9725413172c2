package dev.mayfly.issuer.iam.policies;

import dev.mayfly.issuer.api.PolicyCommands.TagPolicy;
import dev.mayfly.issuer.api.PolicyCommands.UntagPolicy;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.PolicyArns;
import dev.mayfly.issuer.iam.TagActions;
import dev.mayfly.issuer.iam.TagActions.Tagged;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import java.util.List;

/**
 * The IAM actions on customer-managed policies: the policy, its versions and tags, and what it is attached to. Attaching
 * one to a user, role or group acts on that entity, so its group serves it (AttachUserPolicy is the users').
 */
public final class PolicyActions implements ActionGroup {

    private final IamServices services;

    public PolicyActions(IamServices services) {
        this.services = services;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreatePolicyAction(services),
                new ManagedPolicyActions.GetPolicyAction(services),
                new ManagedPolicyActions.DeletePolicyAction(services),
                new ListPoliciesAction(services),
                new ListEntitiesForPolicyAction(services),
                new ManagedPolicyActions.CreatePolicyVersionAction(services),
                new ManagedPolicyActions.GetPolicyVersionAction(services),
                new ManagedPolicyActions.ListPolicyVersionsAction(services),
                new ManagedPolicyActions.SetDefaultPolicyVersionAction(services),
                new ManagedPolicyActions.DeletePolicyVersionAction(services),
                new TagActions.Tag("TagPolicy", this::tagged, services),
                new TagActions.Untag("UntagPolicy", this::tagged, services),
                new TagActions.ListTags("ListPolicyTags", this::tagged, services));
    }

    private Tagged tagged(ActionContext context, String iamAction) {
        ManagedPolicyView policy = ManagedPolicyActions.find(services.directory(), services.authorizer(), context, iamAction);
        PolicyRef ref = PolicyArns.ref(policy);
        return new Tagged(policy.arn(), policy.accountId().value(), policy.tags(), "AWS::IAM::Policy",
                tags -> new TagPolicy(ref, tags), keys -> new UntagPolicy(ref, keys));
    }
}
