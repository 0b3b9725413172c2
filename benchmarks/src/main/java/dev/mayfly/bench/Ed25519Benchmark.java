package dev.mayfly.bench;

import dev.mayfly.signing.PublicKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ed25519 signing and verifying of a session's claims (~1 KB), Bouncy Castle (what {@link SigningKeyRing} uses) against
 * the JDK's own provider: the choice of the issuer's claims signatures, made once per session, day and verifier.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Ed25519Benchmark {

    private final byte[] claims = ("{\"accessKeyId\":\"ASIAEXAMPLEEXAMPLE01\",\"principalArn\":\"arn:aws:sts::000000000001:assumed-role/reader/s\","
            + "\"sessionPolicy\":\"" + "x".repeat(900) + "\"}").getBytes(StandardCharsets.UTF_8);
    private SigningKeyRing bouncyCastle;
    private PublicKeyRing bouncyCastlePublic;
    private byte[] bouncyCastleSignature;
    private KeyPair jdk;
    private byte[] jdkSignature;

    @Setup
    public void setUp() throws Exception {
        bouncyCastle = SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now()));
        bouncyCastlePublic = bouncyCastle.publicKeys();
        bouncyCastleSignature = bouncyCastle.sign(claims).bytes();
        jdk = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        jdkSignature = jdkSign();
    }

    @Benchmark
    public byte[] bouncyCastleSign() {
        return bouncyCastle.sign(claims).bytes();
    }

    @Benchmark
    public boolean bouncyCastleVerify() {
        return bouncyCastlePublic.verify(bouncyCastle.currentKeyId(), claims, bouncyCastleSignature);
    }

    @Benchmark
    public byte[] jdkSign() throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(jdk.getPrivate());
        signature.update(claims);
        return signature.sign();
    }

    @Benchmark
    public boolean jdkVerify() throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(jdk.getPublic());
        signature.update(claims);
        return signature.verify(jdkSignature);
    }
}
