package dev.mayfly.verifier;

import dev.mayfly.contract.Topics;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.revocationfeed.CompactedTopicFeed;
import dev.mayfly.revocationfeed.Freshness;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.token.KeyRing;
import dev.mayfly.token.SessionTokenSealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A verifier for a resource server: reads the session token keys and the policy and revocation feeds, keeps them up to
 * date, and lets its {@link LocalAuthorizer} decide each request without asking the issuer.
 */
public final class Verifier implements AutoCloseable {

    private final VerifierSettings settings;
    private final SessionTokenSealer sealer;
    private final PolicyIndex policies;
    private final CompactedTopicFeed policyFeed;
    private final CompactedTopicFeed revocationFeed;
    private final LocalAuthorizer authorizer;
    private volatile FileTime keysModified;

    private Verifier(VerifierSettings settings, Clock clock, SessionTokenSealer sealer, PolicyIndex policies, RevocationIndex revocations,
                     CompactedTopicFeed policyFeed, CompactedTopicFeed revocationFeed, FileTime keysModified) {
        this.settings = settings;
        this.sealer = sealer;
        this.policies = policies;
        this.policyFeed = policyFeed;
        this.revocationFeed = revocationFeed;
        this.keysModified = keysModified;
        this.authorizer = new LocalAuthorizer(settings.signingNames(), sealer, policies, revocations,
                List.of(new Freshness(policyFeed::freshAsOf, settings.maxFeedAge(), settings.failClosed()),
                        new Freshness(revocationFeed::freshAsOf, settings.maxFeedAge(), settings.failClosed())), clock);
    }
    /**
     * Reads the token keys and both feeds up to their ends, then follows them.
     *
     * @throws IllegalStateException when the feeds cannot be read within a minute (is Kafka reachable?)
     */
    public static Verifier start(VerifierSettings settings, Clock clock) throws IOException, InterruptedException {
        FileTime modified = Files.getLastModifiedTime(settings.tokenKeysFile());
        SessionTokenSealer sealer = new SessionTokenSealer(KeyRing.load(settings.tokenKeysFile()));
        PolicyIndex policies = new PolicyIndex();
        RevocationIndex revocations = new RevocationIndex();
        CompactedTopicFeed policyFeed = CompactedTopicFeed.follow(settings.kafka(), Topics.POLICIES, policies::apply);
        CompactedTopicFeed revocationFeed = CompactedTopicFeed.revocations(settings.kafka(), revocations);
        if (!policyFeed.awaitCaughtUp(Duration.ofSeconds(60)) || !revocationFeed.awaitCaughtUp(Duration.ofSeconds(60))) {
            policyFeed.close();
            revocationFeed.close();
            throw new IllegalStateException("the policy and revocation feeds could not be read within a minute: is Kafka at "
                    + settings.kafka() + " reachable?");
        }
        return new Verifier(settings, clock, sealer, policies, revocations, policyFeed, revocationFeed, modified);
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

    /** Reads the token keys again when the file changed: a rotation at the issuer reaches the verifier. */
    public void reloadTokenKeysIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(settings.tokenKeysFile());
            if (!modified.equals(keysModified)) {
                sealer.use(KeyRing.load(settings.tokenKeysFile()));
                keysModified = modified;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many users, roles and managed policies the verifier knows. */
    public int knownPolicies() {
        return policies.size();
    }

    @Override
    public void close() throws InterruptedException {
        policyFeed.close();
        revocationFeed.close();
    }
}
