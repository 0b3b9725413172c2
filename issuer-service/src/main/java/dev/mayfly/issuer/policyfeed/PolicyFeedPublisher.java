package dev.mayfly.issuer.policyfeed;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.PolicySnapshot.Kind;
import dev.mayfly.contract.PolicySnapshot.LabeledPolicy;
import dev.mayfly.contract.PolicySnapshot;
import dev.mayfly.contract.Topics;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.authz.EntityPolicies.Labeled;
import dev.mayfly.issuer.authz.EntityPolicies;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.kafka.signed.RecordSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps mayfly.policies equal to the directory: when anything of an account changes, its users', roles' and managed
 * policies' snapshots are taken again a moment later (changes in a burst coalesce) and those that differ from what was
 * last published are sent; what is gone gets a tombstone. At start every account is published again, so that a
 * snapshot lost to a crash is restored, and records written before feeds were signed are superseded by signed ones.
 * Every record is signed with the issuer's key. A send that fails leaves the account to be published again.
 */
public final class PolicyFeedPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyFeedPublisher.class);
    private static final long FLUSH_MILLIS = 100;

    private final IdentityDirectory directory;
    private final EntityPolicies entities;
    private final Producer<String, byte[]> producer;
    private final RecordSigner signer;
    private final Clock clock;
    private final Set<AccountId> dirty = ConcurrentHashMap.newKeySet();
    /** ARN to the fingerprint of what was last published for it, by account. */
    private final Map<AccountId, Map<String, String>> published = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "policy-feed");
        thread.setDaemon(true);
        return thread;
    });

    public PolicyFeedPublisher(IdentityDirectory directory, Producer<String, byte[]> producer, RecordSigner signer, Clock clock) {
        this.directory = directory;
        this.entities = new EntityPolicies(directory);
        this.producer = producer;
        this.signer = signer;
        this.clock = clock;
    }

    /** Publishes every account now, then whatever changes. */
    public PolicyFeedPublisher start() {
        dirty.addAll(directory.accountIds());
        executor.scheduleWithFixedDelay(this::flush, 0, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Something of this account changed: its snapshots will be taken again. */
    public void changed(AccountId account) {
        dirty.add(account);
    }

    private void flush() {
        for (AccountId account : List.copyOf(dirty)) {
            if (executor.isShutdown()) {
                // closed: its producer would refuse every account left, one warning each, for minutes on a large directory
                return;
            }
            dirty.remove(account);
            try {
                publish(account);
            } catch (RuntimeException | ExecutionException | TimeoutException | com.fasterxml.jackson.core.JsonProcessingException e) {
                dirty.add(account);
                LOG.warn("could not publish the policies of account {} yet: {}", account.value(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void publish(AccountId account) throws ExecutionException, InterruptedException, TimeoutException,
            com.fasterxml.jackson.core.JsonProcessingException {
        Map<String, PolicySnapshot> current = snapshots(account);
        Map<String, String> before = published.getOrDefault(account, Map.of());
        Map<String, String> after = new HashMap<>();
        for (PolicySnapshot snapshot : current.values()) {
            String fingerprint = fingerprint(snapshot);
            after.put(snapshot.arn(), fingerprint);
            if (!fingerprint.equals(before.get(snapshot.arn()))) {
                send(snapshot.arn(), Json.mapper().writeValueAsBytes(snapshot));
            }
        }
        for (String gone : before.keySet()) {
            if (!after.containsKey(gone)) {
                send(gone, null);
            }
        }
        published.put(account, Map.copyOf(after));
    }

    private void send(String arn, byte[] value) throws ExecutionException, InterruptedException, TimeoutException {
        producer.send(signer.sign(new ProducerRecord<>(Topics.POLICIES, arn, value))).get(10, TimeUnit.SECONDS);
    }

    /** The account's users, roles and managed policies as a verifier needs them, by ARN. */
    Map<String, PolicySnapshot> snapshots(AccountId account) {
        Instant now = clock.instant();
        Map<String, PolicySnapshot> snapshots = new HashMap<>();
        directory.usersIn(account).forEach(user -> snapshots.put(user.arn(), new PolicySnapshot(user.arn(), account.value(), Kind.USER,
                user.userId(), user.tags(), labeled(entities.ofUser(user)),
                entities.boundary(account, user.permissionsBoundary()).map(PolicyFeedPublisher::labeled).orElse(null), now)));
        directory.rolesIn(account).forEach(role -> snapshots.put(role.arn(), new PolicySnapshot(role.arn(), account.value(), Kind.ROLE,
                role.roleId(), role.tags(), labeled(entities.ofRole(role)),
                entities.boundary(account, role.permissionsBoundary()).map(PolicyFeedPublisher::labeled).orElse(null), now)));
        directory.managedPoliciesIn(account).forEach(policy -> snapshots.put(policy.arn(), new PolicySnapshot(policy.arn(),
                account.value(), Kind.MANAGED_POLICY, policy.policyId(), Map.of(),
                List.of(new LabeledPolicy("managed policy " + policy.arn() + " (" + policy.defaultVersionId() + ")",
                        policy.defaultVersion().document())), null, now)));
        return snapshots;
    }

    private static List<LabeledPolicy> labeled(List<Labeled> policies) {
        return policies.stream().map(PolicyFeedPublisher::labeled).toList();
    }

    /** A policy as the feed carries it: an AWS-managed one by name, every verifier holding AWS's documents. */
    private static LabeledPolicy labeled(Labeled policy) {
        return policy.awsManaged() != null ? new LabeledPolicy(policy.label(), null, policy.awsManaged())
                : new LabeledPolicy(policy.label(), policy.document());
    }

    /** What a snapshot says, without when it was taken: unchanged state is not sent again. */
    private static String fingerprint(PolicySnapshot snapshot) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(new PolicySnapshot(snapshot.arn(), snapshot.accountId(), snapshot.kind(),
                    snapshot.id(), new java.util.TreeMap<>(snapshot.tags()), snapshot.policies(), snapshot.boundary(), null));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a snapshot could not be fingerprinted", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        producer.close();
    }
}
