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
import dev.mayfly.runtime.AwsServiceException;
import java.util.List;
import java.util.Map;

/**
 * The IAM actions on managed policies (the account's own, and AWS-managed ones, which may be read and not changed):
 * the policy, its versions and tags, and what it is attached to. Attaching
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
        if (policy.isAwsManaged()) {
            return awsManaged(policy, iamAction);
        }
        PolicyRef ref = PolicyArns.ref(policy);
        return new Tagged(policy.arn(), policy.accountId().value(), policy.tags(), "AWS::IAM::Policy",
                tags -> new TagPolicy(ref, tags), keys -> new UntagPolicy(ref, keys));
    }

    /**
     * An AWS-managed policy has no tags, and none can be added or removed: IAM answers TagPolicy and UntagPolicy on one
     * with InvalidInput "Tags not supported for policies in this domain"; ListPolicyTags lists none.
     */
    private static Tagged awsManaged(ManagedPolicyView policy, String iamAction) {
        if (!iamAction.equals("iam:ListPolicyTags")) {
            throw new AwsServiceException("InvalidInput", "Tags not supported for policies in this domain", 400);
        }
        return new Tagged(policy.arn(), policy.accountId().value(), Map.of(), "AWS::IAM::Policy", tags -> {
            throw new IllegalStateException("an AWS-managed policy is never tagged");
        }, keys -> {
            throw new IllegalStateException("an AWS-managed policy is never untagged");
        });
    }
}
