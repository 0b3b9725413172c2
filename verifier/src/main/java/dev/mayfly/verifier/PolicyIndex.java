package dev.mayfly.verifier;

import dev.mayfly.contract.Json;
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
 * verifier's access decision reads policies.
 */
public final class PolicyIndex implements PolicySource {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyIndex.class);
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
        return new NamedPolicy(policy.label(), PolicyDocument.parse(policy.document()));
    }

    Optional<Entry> get(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    @Override
    public Optional<Identity> identity(String arn) {
        return get(arn).filter(entry -> entry.snapshot().kind() != Kind.MANAGED_POLICY)
                .map(entry -> new Identity(entry.snapshot().id(), entry.policies(), entry.boundary()));
    }

    @Override
    public List<NamedPolicy> managedPolicy(String arn) {
        return get(arn).filter(entry -> entry.snapshot().kind() == Kind.MANAGED_POLICY).map(Entry::policies).orElse(List.of());
    }

    public int size() {
        return byArn.size();
    }
}
