package dev.mayfly.policy.decision;

import java.util.List;
import java.util.Optional;

/**
 * Where a decision reads the policies that apply to a requester: the issuer from its directory, a verifier from the
 * snapshots of the policy feed. A source only finds; the decision judges what it found.
 */
public interface PolicySource {

    /** The user or role of this ARN as it is now; empty when it does not exist. */
    Optional<Identity> identity(String arn);

    /** The default version of the managed policy of this ARN; empty when it no longer exists. */
    List<NamedPolicy> managedPolicy(String arn);

    /**
     * A user or role, with what decides for it.
     *
     * @param uniqueId its unique id (AIDA..., AROA...): one deleted and created again under the same name has another
     * @param policies its identity-based policies (a user's include its groups')
     * @param boundary its permissions boundary, or null; one naming a policy that is gone is a policy that allows nothing
     */
    record Identity(String uniqueId, List<NamedPolicy> policies, NamedPolicy boundary) {
    }
}
