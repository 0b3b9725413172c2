package dev.mayfly.issuer.authz;

import dev.mayfly.awspolicies.AwsManagedPolicies;
import dev.mayfly.contract.PolicySnapshot.AwsManaged;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.GroupView;
import dev.mayfly.issuer.query.Views.InlinePolicy;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The identity-based policies of a user (its own and its groups', inline and attached), a group or a role, and a
 * permissions boundary, each labelled as a refusal names it. The authorizer decides with them; the policy feed
 * publishes them; the policy simulator names them.
 */
public final class EntityPolicies {

    /** What a boundary naming a policy that no longer exists allows: nothing. */
    static final String NOTHING = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    private static final PolicyDocument PARSED_NOTHING = PolicyDocument.parse(NOTHING);

    private final IdentityDirectory directory;

    public EntityPolicies(IdentityDirectory directory) {
        this.directory = directory;
    }

    /**
     * A policy with what to call it when it decides, as written and parsed, and where it comes from.
     *
     * @param awsManaged the AWS-managed policy it is (which the policy feed names rather than sends), or null
     * @param origin     what IAM's policy simulator calls it: its type and its name
     */
    public record Labeled(String label, String document, PolicyDocument parsed, AwsManaged awsManaged, Origin origin) {

        /** The default version of a managed policy, labelled with its ARN (and named as AWS's when it is). */
        static Labeled of(String label, ManagedPolicyView policy) {
            boolean aws = policy.isAwsManaged();
            return new Labeled(label, policy.defaultVersion().document(), policy.defaultVersion().parsed(),
                    aws ? new AwsManaged(policy.arn(), policy.defaultVersionId()) : null,
                    new Origin(aws ? "aws-managed" : "user-managed", policy.policyName()));
        }
    }

    /**
     * Where a policy comes from, as IAM's policy simulator names a matched statement's policy.
     *
     * @param type {@code user}, {@code group} or {@code role} (an inline policy of one), {@code user-managed} (a
     *             customer-managed policy), {@code aws-managed}
     * @param name the policy's name
     */
    public record Origin(String type, String name) {
    }

    /** A user's own inline and attached policies, and those of every group it belongs to. */
    public List<Labeled> ofUser(UserView user) {
        List<Labeled> policies = new ArrayList<>(inline(user.policies().values(), "user", user.userName()));
        policies.addAll(attachedTo(user.accountId(), EntityType.USER, user.userName()));
        for (GroupView group : directory.groupsOf(new UserRef(user.accountId(), user.userName()))) {
            policies.addAll(ofGroup(group));
        }
        return policies;
    }

    /** A group's inline and attached policies: what each of its members has from it. */
    public List<Labeled> ofGroup(GroupView group) {
        List<Labeled> policies = new ArrayList<>(inline(group.policies().values(), "group", group.groupName()));
        policies.addAll(attachedTo(group.accountId(), EntityType.GROUP, group.groupName()));
        return policies;
    }

    /** A role's inline and attached policies. */
    public List<Labeled> ofRole(RoleView role) {
        List<Labeled> policies = new ArrayList<>(inline(role.policies().values(), "role", role.roleName()));
        policies.addAll(attachedTo(role.accountId(), EntityType.ROLE, role.roleName()));
        return policies;
    }

    private static List<Labeled> inline(Collection<InlinePolicy> policies, String type, String entityName) {
        return policies.stream().map(p -> new Labeled("inline policy " + p.name() + " of " + type + " " + entityName, p.document(),
                p.parsed(), null, new Origin(type, p.name()))).toList();
    }

    /**
     * A permissions boundary: the default version of the managed policy it names; one naming a policy that is gone
     * allows nothing. Empty when there is no boundary.
     */
    public Optional<Labeled> boundary(AccountId account, String boundaryArn) {
        if (boundaryArn == null) {
            return Optional.empty();
        }
        String label = "permissions boundary " + boundaryArn;
        String name = boundaryArn.substring(boundaryArn.lastIndexOf('/') + 1);
        boolean aws = AwsManagedPolicies.isAwsManaged(boundaryArn);
        Optional<ManagedPolicyView> policy = aws ? directory.awsManagedPolicy(account, boundaryArn)
                : directory.managedPolicy(new PolicyRef(account, name));
        return Optional.of(policy.map(p -> Labeled.of(label, p)).orElse(new Labeled(label, NOTHING, PARSED_NOTHING, null,
                new Origin(aws ? "aws-managed" : "user-managed", name))));
    }

    /** The default versions of the managed policies (the account's and AWS's) attached to an entity. */
    private List<Labeled> attachedTo(AccountId account, EntityType type, String name) {
        return directory.policiesAttachedTo(account, type, name).stream()
                .map(p -> Labeled.of("managed policy " + p.arn() + " (" + p.defaultVersionId() + ")", p)).toList();
    }
}
