package dev.mayfly.verifier;

import dev.mayfly.contract.SigningNames;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.token.KeyRing;
import dev.mayfly.token.SessionClaims;
import dev.mayfly.token.SessionKeyGrants;
import dev.mayfly.token.SessionKeyGrants.SessionKeyRefused;
import dev.mayfly.token.SessionTokenSealer;
import dev.mayfly.token.TokenException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The issuer's side of a session's keys, in this JVM: the real sealer and grants (no HTTP), so that verifier tests
 * exercise what the issuer would answer. Counts the questions it is asked.
 */
final class InProcessIssuer {

    final SessionTokenSealer sealer = new SessionTokenSealer(KeyRing.parse(KeyRing.newKeyLine("k1")));
    final SigningKeyRing claimsKeys = SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.EPOCH));
    final SessionKeyGrants grants = new SessionKeyGrants(sealer, claimsKeys, SigningNames.MAYFLY_SERVICES);
    final AtomicInteger questions = new AtomicInteger();
    final Path publicKeysFile;

    InProcessIssuer(Path directory) {
        try {
            publicKeysFile = Files.writeString(directory.resolve("issuer-signing.pub"), claimsKeys.publicKeys().text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String seal(SessionClaims claims) {
        return sealer.seal(claims);
    }

    /** The sessions a verifier of this service learns from this issuer, at this time. */
    VerifiedSessions sessions(String service, Instant now) {
        return new VerifiedSessions((token, date, region) -> {
            questions.incrementAndGet();
            try {
                return grants.grant(token, date, region, service, now);
            } catch (SessionKeyRefused e) {
                throw new TokenException(e.getMessage());
            }
        }, PublicKeyFile.watch(publicKeysFile), Clock.fixed(now, java.time.ZoneOffset.UTC));
    }
}
