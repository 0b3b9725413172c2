package dev.mayfly.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.sigv4.CredentialScope;
import dev.mayfly.sigv4.SigningKeys;
import dev.mayfly.token.SessionKeyGrant;
import dev.mayfly.token.SessionKeyGrants.SessionKeyRefused;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionKeyGrantsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final SessionTokenSealer sealer = new SessionTokenSealer(KeyRing.parse(KeyRing.newKeyLine("k1")));
    private final SigningKeyRing signing = SigningKeyRing.parse(SigningKeyRing.newKeyLine(NOW));
    private final SessionKeyGrants grants = new SessionKeyGrants(sealer, signing, Set.of("sts", "iam"));

    private String token(Instant issued, Instant expires) {
        return sealer.seal(new SessionClaims("ASIAGRANTGRANT000001", "the-secret", "111122223333", SessionClaims.PrincipalType.ASSUMED_ROLE,
                "arn:aws:sts::111122223333:assumed-role/r/s", "AROAR:s", "arn:aws:iam::111122223333:role/r", issued, expires,
                null, null, null, null, null, null));
    }

    @Test
    void grantWhenTheSessionIsLiveThenTheKeyIsSigV4sKeyOfThatScopeAndTheClaimsCarryNoSecret() {
        SessionKeyGrant grant = grants.grant(token(NOW.minusSeconds(60), NOW.plusSeconds(3600)), "20261206", "eu-west-1", "notes", NOW);

        assertThat(grant.signingKey()).isEqualTo(SigningKeys.derive("the-secret",
                new CredentialScope("ASIAGRANTGRANT000001", "20261206", "eu-west-1", "notes")));
        SessionClaims claims = SignedClaims.open(grant.signedClaims(), signing.publicKeys());
        assertThat(claims.secretAccessKey()).isEmpty();
        assertThat(grant.signedClaims()).doesNotContain("the-secret");
        assertThat(grant.toString()).doesNotContain(java.util.HexFormat.of().formatHex(grant.signingKey()));
    }

    @Test
    void grantWhenTheServiceIsReservedThenRefused() {
        String token = token(NOW.minusSeconds(60), NOW.plusSeconds(3600));

        assertThatThrownBy(() -> grants.grant(token, "20261206", "us-east-1", "iam", NOW)).isInstanceOf(SessionKeyRefused.class);
        assertThatThrownBy(() -> grants.grant(token, "20261206", "us-east-1", "sts", NOW)).isInstanceOf(SessionKeyRefused.class);
    }

    @Test
    void grantWhenTheDayIsOutsideTheWindowThenRefused() {
        String live = token(NOW.minusSeconds(60), NOW.plusSeconds(3600));
        String weekOld = token(NOW.minusSeconds(6 * 86400), NOW.plusSeconds(3600));

        assertThat(grants.grant(live, "20261205", "us-east-1", "notes", NOW).signingKey()).as("clock skew: yesterday").hasSize(32);
        assertThatThrownBy(() -> grants.grant(live, "20261204", "us-east-1", "notes", NOW)).as("before the session")
                .isInstanceOf(SessionKeyRefused.class);
        assertThatThrownBy(() -> grants.grant(live, "20261208", "us-east-1", "notes", NOW)).as("after tomorrow")
                .isInstanceOf(SessionKeyRefused.class);
        assertThat(grants.grant(weekOld, "20261130", "us-east-1", "notes", NOW).signingKey()).as("a presigned URL of 6 days ago").hasSize(32);
        assertThatThrownBy(() -> grants.grant(live, "2026120", "us-east-1", "notes", NOW)).isInstanceOf(SessionKeyRefused.class);
        assertThatThrownBy(() -> grants.grant(live, "20261306", "us-east-1", "notes", NOW)).isInstanceOf(SessionKeyRefused.class);
        assertThatThrownBy(() -> grants.grant(live, "20261206", "US_EAST_1", "notes", NOW)).isInstanceOf(SessionKeyRefused.class);
    }

    @Test
    void grantWhenTheTokenIsForgedAlteredOrExpiredThenRefused() {
        String live = token(NOW.minusSeconds(60), NOW.plusSeconds(3600));
        String forged = new SessionTokenSealer(KeyRing.parse(KeyRing.newKeyLine("k1"))).seal(SignedClaims.open(
                grants.grant(live, "20261206", "us-east-1", "notes", NOW).signedClaims(), signing.publicKeys()));
        String altered = live.substring(0, 40) + (live.charAt(40) == 'x' ? 'y' : 'x') + live.substring(41);

        assertThatThrownBy(() -> grants.grant(forged, "20261206", "us-east-1", "notes", NOW)).isInstanceOf(TokenException.class);
        assertThatThrownBy(() -> grants.grant(altered, "20261206", "us-east-1", "notes", NOW)).isInstanceOf(TokenException.class);
        assertThatThrownBy(() -> grants.grant(token(NOW.minusSeconds(7200), NOW.minusSeconds(1)), "20261206", "us-east-1", "notes", NOW))
                .isInstanceOf(TokenException.class).hasMessageContaining("expired");
    }
}
