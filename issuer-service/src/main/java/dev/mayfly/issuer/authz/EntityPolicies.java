package dev.mayfly.issuer.authz;

import dev.mayfly.awspolicies.AwsManagedPolicies;
import dev.mayfly.contract.PolicySnapshot.AwsManaged;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The identity-based policies of a user (its own and its groups', inline and attached) or a role, and a permissions
 * boundary, each labelled as a refusal names it. The authorizer decides with them; the policy feed publishes them.
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
     * A policy with what to call it when it decides, as written and parsed.
     *
     * @param awsManaged the AWS-managed policy it is (which the policy feed names rather than sends), or null
     */
    public record Labeled(String label, String document, PolicyDocument parsed, AwsManaged awsManaged) {

        Labeled(String label, String document, PolicyDocument parsed) {
            this(label, document, parsed, null);
        }

        /** The default version of a managed policy, labelled with its ARN (and named as AWS's when it is). */
        static Labeled of(String label, ManagedPolicyView policy) {
            return new Labeled(label, policy.defaultVersion().document(), policy.defaultVersion().parsed(),
                    policy.isAwsManaged() ? new AwsManaged(policy.arn(), policy.defaultVersionId()) : null);
        }
    }

    /** A user's own inline and attached policies, and those of every group it belongs to. */
    public List<Labeled> ofUser(UserView user) {
        List<Labeled> policies = new ArrayList<>();
        user.policies().values().forEach(p -> policies.add(new Labeled("inline policy " + p.name() + " of user " + user.userName(),
                p.document(), p.parsed())));
        policies.addAll(attachedTo(user.accountId(), EntityType.USER, user.userName()));
        for (var group : directory.groupsOf(new UserRef(user.accountId(), user.userName()))) {
            group.policies().values().forEach(p -> policies.add(new Labeled("inline policy " + p.name() + " of group " + group.groupName(),
                    p.document(), p.parsed())));
            policies.addAll(attachedTo(group.accountId(), EntityType.GROUP, group.groupName()));
        }
        return policies;
    }

    /** A role's inline and attached policies. */
    public List<Labeled> ofRole(RoleView role) {
        List<Labeled> policies = new ArrayList<>();
        role.policies().values().forEach(p -> policies.add(new Labeled("inline policy " + p.name() + " of role " + role.roleName(),
                p.document(), p.parsed())));
        policies.addAll(attachedTo(role.accountId(), EntityType.ROLE, role.roleName()));
        return policies;
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
        Optional<ManagedPolicyView> policy = AwsManagedPolicies.isAwsManaged(boundaryArn)
                ? directory.awsManagedPolicy(account, boundaryArn)
                : directory.managedPolicy(new PolicyRef(account, boundaryArn.substring(boundaryArn.lastIndexOf('/') + 1)));
        return Optional.of(policy.map(p -> Labeled.of(label, p)).orElse(new Labeled(label, NOTHING, PARSED_NOTHING)));
    }

    /** The default versions of the managed policies (the account's and AWS's) attached to an entity. */
    private List<Labeled> attachedTo(AccountId account, EntityType type, String name) {
        return directory.policiesAttachedTo(account, type, name).stream()
                .map(p -> Labeled.of("managed policy " + p.arn() + " (" + p.defaultVersionId() + ")", p)).toList();
    }
}
