package dev.mayfly.bench;

import dev.mayfly.policy.Decision;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SigV4Signer;
import dev.mayfly.sigv4.SigV4Verifier;
import dev.mayfly.sigv4.SignatureParser;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.token.KeyRing;
import dev.mayfly.token.SessionClaims;
import dev.mayfly.token.SessionTokenSealer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The cost of each step a request takes through the issuer, one thread, nanoseconds per operation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestPathBenchmark {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String ROLE = "arn:aws:iam::000000000001:role/deployer";
    private static final byte[] BODY = ("Action=AssumeRole&Version=2011-06-15&RoleArn=" + ROLE + "&RoleSessionName=bench")
            .getBytes(StandardCharsets.UTF_8);

    private final Instant now = Instant.now();
    private final SigV4Verifier verifier = new SigV4Verifier(Set.of("sts"), true);
    private final SessionTokenSealer sealer = new SessionTokenSealer(KeyRing.parse(KeyRing.newKeyLine("k1")));
    private final SessionClaims claims = new SessionClaims("ASIAEXAMPLEEXAMPLE01", SECRET, "000000000001",
            SessionClaims.PrincipalType.ASSUMED_ROLE, "arn:aws:sts::000000000001:assumed-role/deployer/bench",
            "AROAEXAMPLEEXAMPLE01:bench", ROLE, now, now.plusSeconds(3600), null, null, null, null, null, null);
    private final PolicyDocument policy = PolicyDocument.parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],"Resource":"arn:aws:iam::000000000001:role/*",
               "Condition":{"StringEquals":{"aws:PrincipalTag/team":"platform"}}},
              {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"2020-01-01T00:00:00Z"}}}]}""");
    private final RequestContext context = new RequestContext("sts:AssumeRole", ROLE, null,
            Map.of("aws:PrincipalTag/team", List.of("platform"), "aws:TokenIssueTime", List.of(now.toString())));

    private SignedRequest longTermRequest;
    private SignedRequest sessionRequest;
    private String token;

    @Setup
    public void sign() {
        longTermRequest = request();
        SigV4Signer.sign(longTermRequest, "AKIAEXAMPLEEXAMPLE01", SECRET, null, "us-east-1", "sts", now);
        token = sealer.seal(claims);
        sessionRequest = request();
        SigV4Signer.sign(sessionRequest, claims.accessKeyId(), SECRET, token, "us-east-1", "sts", now);
    }

    private static SignedRequest request() {
        return new SignedRequest("POST", "/", "", new RequestHeaders().add("Host", "127.0.0.1:7070")
                .add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), BODY);
    }

    /** A long-term key's request: parse the signature, derive the signing key, hash and compare. */
    @Benchmark
    public Object verifyLongTermKeyRequest() {
        verifier.verify(longTermRequest, SignatureParser.parse(longTermRequest), SECRET, now);
        return longTermRequest;
    }

    /** A session's request: the same, after opening the session token for its secret. */
    @Benchmark
    public Object verifySessionRequest() {
        var parts = SignatureParser.parse(sessionRequest);
        SessionClaims opened = sealer.open(parts.securityToken());
        verifier.verify(sessionRequest, parts, opened.secretAccessKey(), now);
        return opened;
    }

    @Benchmark
    public String sealSessionToken() {
        return sealer.seal(claims);
    }

    @Benchmark
    public SessionClaims openSessionToken() {
        return sealer.open(token);
    }

    @Benchmark
    public Decision evaluatePolicy() {
        return policy.evaluate(context);
    }
}
