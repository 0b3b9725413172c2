package dev.mayfly.verifier;

import dev.mayfly.awspolicies.AwsManagedPolicies;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.PolicySnapshot.AwsManaged;
import dev.mayfly.contract.PolicySnapshot.LabeledPolicy;
import dev.mayfly.contract.PolicySnapshot.Kind;
import dev.mayfly.contract.PolicySnapshot;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.policy.decision.NamedPolicy;
import dev.mayfly.policy.decision.PolicySource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest snapshot of every user, role and managed policy, by ARN, with their documents parsed once: where the
 * verifier's access decision reads policies. AWS-managed policies, which the feed names and does not send, are read from
 * this verifier's own copy of AWS's documents ({@link AwsManagedPolicies}).
 */
public final class PolicyIndex implements PolicySource {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyIndex.class);
    /** What an AWS-managed policy this verifier does not hold allows: nothing. */
    private static final PolicyDocument NOTHING = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}");
    private final Map<String, Entry> byArn = new ConcurrentHashMap<>();

    /** A snapshot and its parsed policies (and boundary, or null). */
    record Entry(PolicySnapshot snapshot, List<NamedPolicy> policies, NamedPolicy boundary) {
    }

    /** Applies a record of mayfly.policies: a snapshot, or (null) its tombstone. */
    public void apply(String arn, byte[] value) {
        if (value == null) {
            byArn.remove(arn);
            return;
        }
        try {
            PolicySnapshot snapshot = Json.mapper().readValue(value, PolicySnapshot.class);
            byArn.put(arn, new Entry(snapshot, snapshot.policies().stream().map(PolicyIndex::parsed).toList(),
                    Optional.ofNullable(snapshot.boundary()).map(PolicyIndex::parsed).orElse(null)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping an unreadable policy snapshot of {}", arn);
        }
    }

    private static NamedPolicy parsed(LabeledPolicy policy) {
        if (policy.awsManaged() != null) {
            return awsManaged(policy.label(), policy.awsManaged());
        }
        return new NamedPolicy(policy.label(), PolicyDocument.parse(policy.document()));
    }

    /**
     * An AWS-managed policy the issuer named, from this verifier's own copy of AWS's documents. A verifier of another
     * build may hold another version of it (during an upgrade): it decides with its own, as both are AWS's, and says so
     * in the policy's label. One it does not hold at all allows nothing: it fails closed.
     */
    private static NamedPolicy awsManaged(String label, AwsManaged named) {
        return AwsManagedPolicies.catalog().byArn(named.arn()).map(policy -> {
            if (policy.defaultVersionId().equals(named.versionId())) {
                return new NamedPolicy(label, policy.parsed());
            }
            LOG.warn("the issuer decides with {} {}, this verifier holds {}: upgrade the one that is older", named.arn(),
                    named.versionId(), policy.defaultVersionId());
            return new NamedPolicy(label + ", as this verifier holds it (" + policy.defaultVersionId() + ")", policy.parsed());
        }).orElseGet(() -> {
            LOG.warn("the issuer names the AWS-managed policy {}, which this verifier does not hold: it allows nothing here", named.arn());
            return new NamedPolicy(label + ", which this verifier does not hold", NOTHING);
        });
    }

    Optional<Entry> get(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    @Override
    public Optional<Identity> identity(String arn) {
        return get(arn).filter(entry -> entry.snapshot().kind() != Kind.MANAGED_POLICY)
                .map(entry -> new Identity(entry.snapshot().id(), entry.policies(), entry.boundary()));
    }

    /** A managed session policy: the account's from the feed, an AWS-managed one from this verifier's own copy. */
    @Override
    public List<NamedPolicy> managedPolicy(String arn) {
        if (AwsManagedPolicies.isAwsManaged(arn)) {
            return AwsManagedPolicies.catalog().byArn(arn).map(policy -> List.of(new NamedPolicy("managed policy " + arn,
                    policy.parsed()))).orElse(List.of());
        }
        return get(arn).filter(entry -> entry.snapshot().kind() == Kind.MANAGED_POLICY).map(Entry::policies).orElse(List.of());
    }

    public int size() {
        return byArn.size();
    }
}
