package dev.mayfly.verifier;

import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.revocationfeed.CompactedTopicFeed;
import dev.mayfly.revocationfeed.FeedContinuity;
import dev.mayfly.revocationfeed.Freshness;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.sigv4.SignedRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A verifier for a resource server: learns each session from the issuer once (its signed claims and a day's signing key
 * for this resource server's service), follows the policy and revocation feeds, and lets its {@link LocalAuthorizer}
 * decide each request without asking the issuer again. Only feed records signed by their producer (the issuer for
 * policies, the revocation service for rules) are applied; the rest are counted ({@link #refusedRecords}) and logged.
 */
public final class Verifier implements AutoCloseable {

    private final VerifiedSessions sessions;
    private final PolicyIndex policies;
    private final CompactedTopicFeed policyFeed;
    private final CompactedTopicFeed revocationFeed;
    private final LocalAuthorizer authorizer;
    private final RevocationIndex revocations;
    private final RefusedRecords refused;
    private final FeedContinuity revocationContinuity;

    private Verifier(VerifierSettings settings, Clock clock, VerifiedSessions sessions, PolicyIndex policies, RevocationIndex revocations,
                     CompactedTopicFeed policyFeed, CompactedTopicFeed revocationFeed, RefusedRecords refused,
                     FeedContinuity revocationContinuity) {
        this.revocationContinuity = revocationContinuity;
        this.refused = refused;
        this.revocations = revocations;
        this.sessions = sessions;
        this.policies = policies;
        this.policyFeed = policyFeed;
        this.revocationFeed = revocationFeed;
        this.authorizer = new LocalAuthorizer(settings.issuer().service(), sessions, policies, revocations,
                List.of(new Freshness(policyFeed::freshAsOf, settings.maxFeedAge(), settings.failClosed()),
                        new Freshness(revocationFeed::freshAsOf, settings.maxFeedAge(), settings.failClosed())), clock);
    }

    /**
     * Reads both feeds up to their ends, then follows them. The producers' public keys are read when needed (a missing
     * file trusts nothing until it appears, a changed one is read again when it names a key not held).
     *
     * @throws IllegalStateException when the feeds cannot be read within a minute (is Kafka reachable?)
     */
    public static Verifier start(VerifierSettings settings, Clock clock) throws IOException, InterruptedException {
        // one copy of the issuer's public keys: they sign the sessions' claims and the policy feed alike
        PublicKeyFile issuerKeys = PublicKeyFile.watch(settings.issuerPublicKeysFile());
        VerifiedSessions sessions = new VerifiedSessions(new IssuerSessionKeys(settings.issuer()), issuerKeys, clock);
        PolicyIndex policies = new PolicyIndex();
        RevocationIndex revocations = new RevocationIndex();
        RefusedRecords refused = new RefusedRecords();
        CompactedTopicFeed policyFeed = CompactedTopicFeed.follow(settings.kafka(), Topics.POLICIES,
                new RecordVerifier(List.of(issuerKeys), refused), policies::apply);
        FeedContinuity revocationContinuity = FeedContinuity.inMemory(revocations::size);
        CompactedTopicFeed revocationFeed = CompactedTopicFeed.revocations(settings.kafka(), revocations,
                new RecordVerifier(List.of(PublicKeyFile.watch(settings.revocationPublicKeysFile())), refused), revocationContinuity);
        if (!policyFeed.awaitCaughtUp(Duration.ofSeconds(60)) || !revocationFeed.awaitCaughtUp(Duration.ofSeconds(60))) {
            policyFeed.close();
            revocationFeed.close();
            throw new IllegalStateException("the policy and revocation feeds could not be read within a minute: is Kafka at "
                    + settings.kafka() + " reachable?");
        }
        return new Verifier(settings, clock, sessions, policies, revocations, policyFeed, revocationFeed, refused, revocationContinuity);
    }

    /** Decides a request received over plain HTTP (aws:SecureTransport false); see {@link LocalAuthorizer#verify}. */
    public Verdict verify(SignedRequest request, String action, String resource, String sourceIp, Map<String, List<String>> requestKeys) {
        return authorizer.verify(request, action, resource, sourceIp, requestKeys);
    }

    /**
     * Decides a request; see {@link LocalAuthorizer#verify}.
     *
     * @param secureTransport whether the request reached the resource server over TLS (aws:SecureTransport)
     */
    public Verdict verify(SignedRequest request, String action, String resource, String sourceIp, boolean secureTransport,
                          Map<String, List<String>> requestKeys) {
        return authorizer.verify(request, action, resource, sourceIp, secureTransport, requestKeys);
    }

    /**
     * Decides a request on a resource whose owning account (and resource-based policy, if any) the resource server says;
     * see {@link LocalAuthorizer#verify(SignedRequest, String, Resource, String, boolean, Map)}.
     */
    public Verdict verify(SignedRequest request, String action, Resource resource, String sourceIp, boolean secureTransport,
                          Map<String, List<String>> requestKeys) {
        return authorizer.verify(request, action, resource, sourceIp, secureTransport, requestKeys);
    }

    /**
     * How many records of the topic (mayfly.policies, mayfly.revocations) this verifier refused since it started:
     * unsigned, not signed by the topic's producer, or older than the record it applied for the key.
     */
    public long refusedRecords(String topic) {
        return refused.count(topic);
    }

    /** How many users, roles and managed policies the verifier knows. */
    public int knownPolicies() {
        return policies.size();
    }

    /**
     * Why the revocation feed cannot be trusted now (emptied, re-created or rolled back: session credentials are then
     * refused in fail-closed mode), or empty when it can: for the resource server's health.
     */
    public Optional<String> revocationFeedBroken() {
        return revocationContinuity.broken();
    }

    /** How many revocation rules the verifier holds. */
    public int knownRevocationRules() {
        return revocations.size();
    }

    @Override
    public void close() throws InterruptedException {
        policyFeed.close();
        revocationFeed.close();
    }
}
