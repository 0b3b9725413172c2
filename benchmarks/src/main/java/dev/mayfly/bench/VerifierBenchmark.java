package dev.mayfly.bench;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.PolicySnapshot;
import dev.mayfly.contract.PolicySnapshot.LabeledPolicy;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.SigningNames;
import dev.mayfly.revocationfeed.Freshness;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SigV4Signer;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.token.KeyRing;
import dev.mayfly.token.SessionClaims;
import dev.mayfly.token.SessionKeyGrants;
import dev.mayfly.token.SessionTokenSealer;
import dev.mayfly.verifier.LocalAuthorizer;
import dev.mayfly.verifier.PolicyIndex;
import dev.mayfly.verifier.Verdict;
import dev.mayfly.verifier.VerifiedSessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A resource server's decision with the verifier library, one thread (one core): a request signed with session
 * credentials, its signature checked with the secret from the sealed token, the revocation rules consulted (a thousand
 * of them, none matching), the role's policies, boundary and session policy evaluated. Decisions per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifierBenchmark {

    private static final String ACCOUNT = "000000000001";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/reader";
    /** A note of the session's own account, as a resource server names it (the ARN names no account). */
    private static final Resource NOTE = new Resource("arn:aws:notes:::note/public-1", ACCOUNT, null);
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String NOTES_POLICY = """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":"notes:GetNote","Resource":"arn:aws:notes:::note/public-*",
              "Condition":{"StringEquals":{"aws:PrincipalTag/team":"platform"}}},
             {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"2020-01-01T00:00:00Z"}}}]}""";

    private LocalAuthorizer authorizer;
    private SignedRequest request;

    @Setup
    public void setUp() throws Exception {
        Instant now = Instant.now();
        SessionTokenSealer sealer = new SessionTokenSealer(KeyRing.parse(KeyRing.newKeyLine("k1")));
        SigningKeyRing claimsKeys = SigningKeyRing.parse(SigningKeyRing.newKeyLine(now));
        SessionKeyGrants grants = new SessionKeyGrants(sealer, claimsKeys, SigningNames.MAYFLY_SERVICES);
        // the issuer in this JVM: asked once for the session, as a verifier asks the real one over HTTP
        VerifiedSessions sessions = new VerifiedSessions((token, date, region) -> grants.grant(token, date, region, "notes", Instant.now()),
                claimsKeys.publicKeys(), Clock.systemUTC());
        PolicyIndex policies = new PolicyIndex();
        policies.apply(ROLE, Json.mapper().writeValueAsBytes(new PolicySnapshot(ROLE, ACCOUNT, PolicySnapshot.Kind.ROLE, "AROAEXAMPLEEXAMPLE01",
                Map.of("team", "platform"), List.of(new LabeledPolicy("inline policy notes of role reader", NOTES_POLICY)),
                new LabeledPolicy("permissions boundary", NOTES_POLICY), now)));
        RevocationIndex revocations = new RevocationIndex();
        for (int i = 0; i < 1000; i++) {
            revocations.put(new RevocationRule("rr-" + i, ACCOUNT, RevocationRule.Scope.PRINCIPAL, "arn:aws:sts::" + ACCOUNT
                    + ":assumed-role/reader/other-" + i, now, now, "arn:aws:iam::" + ACCOUNT + ":root", "bench", now.plusSeconds(3600),
                    RevocationRule.Kind.REVOKE));
        }
        authorizer = new LocalAuthorizer("notes", sessions, policies, revocations,
                List.of(new Freshness(Instant::now, Duration.ofSeconds(30), true)), Clock.systemUTC());
        SessionClaims claims = new SessionClaims("ASIAEXAMPLEEXAMPLE01", SECRET, ACCOUNT, SessionClaims.PrincipalType.ASSUMED_ROLE,
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/bench", "AROAEXAMPLEEXAMPLE01:bench", ROLE, now, now.plusSeconds(3600),
                null, NOTES_POLICY, null, null, null, null);
        request = new SignedRequest("GET", "/notes/public-1", "", new RequestHeaders().add("Host", "127.0.0.1:8080"), new byte[0]);
        SigV4Signer.sign(request, claims.accessKeyId(), SECRET, sealer.seal(claims), "us-east-1", "notes", now);
        Verdict verdict = decide();
        if (!verdict.allowed()) {
            throw new IllegalStateException("the benchmark's request should be allowed: " + verdict.reason());
        }
    }

    @Benchmark
    public Verdict decide() {
        return authorizer.verify(request, "notes:GetNote", NOTE, "127.0.0.1", false, Map.of());
    }
}
