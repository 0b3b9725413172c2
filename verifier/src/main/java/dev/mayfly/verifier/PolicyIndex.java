package dev.mayfly.verifier;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.PolicySnapshot.LabeledPolicy;
import dev.mayfly.contract.PolicySnapshot;
import dev.mayfly.policy.PolicyDocument;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The latest snapshot of every user, role and managed policy, by ARN, with their documents parsed once. */
public final class PolicyIndex {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyIndex.class);
    private final Map<String, Entry> byArn = new ConcurrentHashMap<>();

    /** A snapshot and its parsed policies (and boundary, or null). */
    record Entry(PolicySnapshot snapshot, List<PolicyDocument> policies, PolicyDocument boundary) {
    }

    /** Applies a record of mayfly.policies: a snapshot, or (null) its tombstone. */
    public void apply(String arn, byte[] value) {
        if (value == null) {
            byArn.remove(arn);
            return;
        }
        try {
            PolicySnapshot snapshot = Json.mapper().readValue(value, PolicySnapshot.class);
            byArn.put(arn, new Entry(snapshot, snapshot.policies().stream().map(p -> PolicyDocument.parse(p.document())).toList(),
                    Optional.ofNullable(snapshot.boundary()).map(LabeledPolicy::document).map(PolicyDocument::parse).orElse(null)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping an unreadable policy snapshot of {}", arn);
        }
    }

    Optional<Entry> get(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public int size() {
        return byArn.size();
    }
}
