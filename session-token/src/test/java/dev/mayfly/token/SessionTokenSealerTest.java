package dev.mayfly.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTokenSealerTest {

    private static final SessionClaims CLAIMS = new SessionClaims("ASIAEXAMPLE000000001", "secret/with+chars",
            "000000000001", SessionClaims.PrincipalType.ASSUMED_ROLE, "arn:aws:sts::000000000001:assumed-role/R/s",
            "AROAEXAMPLE:s", "arn:aws:iam::000000000001:role/R", Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T01:00:00Z"), null, null,
            java.util.List.of("arn:aws:iam::000000000001:policy/P"), java.util.Map.of("team", "platform"), java.util.List.of("team"), null);

    @TempDir
    Path dir;

    @Test
    void openWhenSealedThenSameClaims() throws Exception {
        SessionTokenSealer sealer = new SessionTokenSealer(KeyRing.loadOrCreate(dir.resolve("keys")));
        assertThat(sealer.open(sealer.seal(CLAIMS))).isEqualTo(CLAIMS);
    }

    @Test
    void openWhenSessionStartedByALongTermKeyThenTheKeyIsAmongTheClaims() throws Exception {
        SessionTokenSealer sealer = new SessionTokenSealer(KeyRing.loadOrCreate(dir.resolve("keys")));
        SessionClaims started = new SessionClaims(CLAIMS.accessKeyId(), CLAIMS.secretAccessKey(), CLAIMS.accountId(), CLAIMS.principalType(),
                CLAIMS.principalArn(), CLAIMS.principalId(), CLAIMS.issuerArn(), CLAIMS.issuedAt(), CLAIMS.expiration(), null, null,
                CLAIMS.sessionPolicyArns(), CLAIMS.tags(), CLAIMS.transitiveTagKeys(), null, null, "AKIAEXAMPLE000000001");
        assertThat(sealer.open(sealer.seal(started)).sourceAccessKeyId()).isEqualTo("AKIAEXAMPLE000000001");
        assertThat(sealer.open(sealer.seal(CLAIMS)).sourceAccessKeyId()).isNull();
    }

    @Test
    void sealWhenSealedThenTokenHoldsNoPlainSecret() throws Exception {
        SessionTokenSealer sealer = new SessionTokenSealer(KeyRing.loadOrCreate(dir.resolve("keys")));
        String token = sealer.seal(CLAIMS);
        assertThat(token).doesNotContain("secret");
        assertThat(new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("secret").doesNotContain("ASIAEXAMPLE");
    }

    @Test
    void openWhenAnyByteChangedThenInvalidToken() throws Exception {
        SessionTokenSealer sealer = new SessionTokenSealer(KeyRing.loadOrCreate(dir.resolve("keys")));
        byte[] token = Base64.getUrlDecoder().decode(sealer.seal(CLAIMS));
        for (int i = 0; i < token.length; i++) {
            byte[] changed = token.clone();
            changed[i] ^= 0x01;
            String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThatThrownBy(() -> sealer.open(tampered)).as("byte %d", i).isInstanceOf(TokenException.class);
        }
    }

    @Test
    void openWhenKeyRotatedThenOldTokensStillOpenAndNewOnesUseNewKey() throws Exception {
        Path file = dir.resolve("keys");
        String oldToken = new SessionTokenSealer(KeyRing.loadOrCreate(file)).seal(CLAIMS);
        Files.writeString(file, KeyRing.newKeyLine("k-next"), java.nio.file.StandardOpenOption.APPEND);
        KeyRing rotated = KeyRing.loadOrCreate(file);
        SessionTokenSealer sealer = new SessionTokenSealer(rotated);
        assertThat(rotated.currentKeyId()).isEqualTo("k-next");
        assertThat(sealer.open(oldToken)).isEqualTo(CLAIMS);
        assertThat(sealer.open(sealer.seal(CLAIMS))).isEqualTo(CLAIMS);
    }

    @Test
    void openWhenKeyUnknownThenInvalidToken() throws Exception {
        String token = new SessionTokenSealer(KeyRing.loadOrCreate(dir.resolve("a"))).seal(CLAIMS);
        SessionTokenSealer other = new SessionTokenSealer(KeyRing.parse(KeyRing.newKeyLine("other")));
        assertThatThrownBy(() -> other.open(token)).isInstanceOf(TokenException.class)
                .hasMessage("The security token included in the request is invalid.");
    }

    @Test
    void openWhenGarbageThenInvalidToken() {
        SessionTokenSealer sealer = new SessionTokenSealer(KeyRing.parse(KeyRing.newKeyLine("k")));
        String hostileKeyIdLength = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {1, (byte) 0xff, 0, 0, 0});
        for (String garbage : new String[] {"", "!!!", "AQ", "x".repeat(5000), hostileKeyIdLength}) {
            assertThatThrownBy(() -> sealer.open(garbage)).isInstanceOf(TokenException.class);
        }
    }

    @Test
    void toStringWhenClaimsThenNoSecret() {
        assertThat(CLAIMS.toString()).doesNotContain("secret");
    }
}
