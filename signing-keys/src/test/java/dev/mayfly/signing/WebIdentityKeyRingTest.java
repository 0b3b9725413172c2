package dev.mayfly.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.signing.WebIdentityKeyRing.Algorithm;
import dev.mayfly.signing.WebIdentityKeyRing.PublicJwk;
import dev.mayfly.signing.WebIdentityKeyRing.Signed;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebIdentityKeyRingTest {

    private static final byte[] INPUT = "header.payload".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path directory;

    @Test
    void signWhenVerifiedWithThePublishedJwkThenTrueForBothAlgorithms() throws Exception {
        WebIdentityKeyRing ring = WebIdentityKeyRing.parse(WebIdentityKeyRing.newKeyLine(T0));
        for (Algorithm algorithm : Algorithm.values()) {
            Signed signed = ring.sign(algorithm, INPUT, T0);
            PublicJwk jwk = ring.publicJwks().stream().filter(k -> k.members().get("kid").equals(signed.keyId())).findFirst().orElseThrow();

            assertThat(jwk.members()).containsEntry("alg", algorithm.name()).containsEntry("use", "sig").doesNotContainKey("d");
            assertThat(verifies(jwk, algorithm, signed.signature())).isTrue();
        }
        assertThat(ring.sign(Algorithm.ES384, INPUT, T0).signature()).hasSize(96);
    }

    @Test
    void signingKeyWhenRotatedThenPublishedAtOnceButSigningOnlyAfterPublishAhead() throws Exception {
        Path file = directory.resolve("web-identity.keys");
        WebIdentityKeyRing first = WebIdentityKeyRing.loadOrCreate(file, T0);
        String firstKey = first.signingKeyId(Algorithm.RS256, T0);
        Instant rotatedAt = T0.plusSeconds(86_400);

        WebIdentityKeyRing rotated = WebIdentityKeyRing.rotate(file, rotatedAt);

        assertThat(rotated.publicJwks()).hasSize(4);
        assertThat(rotated.signingKeyId(Algorithm.RS256, rotatedAt)).isEqualTo(firstKey);
        assertThat(rotated.signingKeyId(Algorithm.RS256, rotatedAt.plus(WebIdentityKeyRing.PUBLISH_AHEAD).minusMillis(1)))
                .isEqualTo(firstKey);
        String successor = rotated.signingKeyId(Algorithm.RS256, rotatedAt.plus(WebIdentityKeyRing.PUBLISH_AHEAD));
        assertThat(successor).isNotEqualTo(firstKey).startsWith("o" + rotatedAt.toEpochMilli());
        assertThat(WebIdentityKeyRing.parse(Files.readString(file)).publicJwks()).isEqualTo(rotated.publicJwks());
    }

    @Test
    void rotateWhenARetiredKeyOutlivedItsTokensThenDroppedElseKept() throws Exception {
        Path file = directory.resolve("web-identity.keys");
        WebIdentityKeyRing.loadOrCreate(file, T0);
        Instant second = T0.plusSeconds(60);
        WebIdentityKeyRing.rotate(file, second);

        WebIdentityKeyRing soon = WebIdentityKeyRing.rotate(file, second.plus(WebIdentityKeyRing.KEEP_RETIRED));
        assertThat(soon.publicJwks()).hasSize(6);
        WebIdentityKeyRing later = WebIdentityKeyRing.rotate(file, second.plus(WebIdentityKeyRing.KEEP_RETIRED).plusSeconds(1));
        assertThat(later.publicJwks()).extracting(k -> k.members().get("kid")).noneMatch(kid -> kid.startsWith("o" + T0.toEpochMilli()));
    }

    @Test
    void parseWhenLineMalformedThenRefusedWithoutKeyMaterialInMessage() {
        String line = WebIdentityKeyRing.newKeyLine(T0).strip();
        String secretPart = line.substring(line.indexOf(':') + 1, line.indexOf(':') + 40);

        assertThatThrownBy(() -> WebIdentityKeyRing.parse(line.substring(0, line.lastIndexOf('.'))))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(secretPart);
        assertThatThrownBy(() -> WebIdentityKeyRing.parse(line.replace(":", ":AAAA")))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(secretPart).contains("o" + T0.toEpochMilli());
        assertThatThrownBy(() -> WebIdentityKeyRing.parse("# nothing\n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(WebIdentityKeyRing.parse(line).toString()).doesNotContain(secretPart);
    }

    private static boolean verifies(PublicJwk jwk, Algorithm algorithm, byte[] signature) throws Exception {
        Base64.Decoder url = Base64.getUrlDecoder();
        PublicKey key;
        Signature verifier;
        if (algorithm == Algorithm.RS256) {
            key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(new BigInteger(1, url.decode(jwk.members().get("n"))),
                    new BigInteger(1, url.decode(jwk.members().get("e")))));
            verifier = Signature.getInstance("SHA256withRSA");
        } else {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp384r1"));
            ECPoint point = new ECPoint(new BigInteger(1, url.decode(jwk.members().get("x"))), new BigInteger(1, url.decode(jwk.members().get("y"))));
            key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
            verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
        }
        verifier.initVerify(key);
        verifier.update(INPUT);
        return verifier.verify(signature);
    }
}
