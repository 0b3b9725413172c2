package dev.mayfly.verifier;

import dev.mayfly.signing.PublicKeys;
import dev.mayfly.token.SessionClaims;
import dev.mayfly.token.SessionKeyGrant;
import dev.mayfly.token.SignedClaims;
import dev.mayfly.token.TokenException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions a verifier has been shown, with what the issuer granted for them: the claims (their signature checked
 * with the issuer's public keys) and a signing key per day and region. The issuer is asked once per session, day and
 * region; requests that arrive together for a session not yet known share one question; a token the issuer refused is
 * refused again for a minute without asking, so that a flood of forged tokens does not become a flood at the issuer.
 * Caches are bounded: past their size they are emptied and refilled from the issuer.
 */
public final class VerifiedSessions {

    private static final int MAX_SESSIONS = 100_000;
    private static final int MAX_REFUSED = 10_000;
    /** The longest token the issuer seals (SessionTokenSealer's bound). */
    private static final int MAX_TOKEN_CHARS = 8192;
    private static final Duration REFUSAL_REMEMBERED = Duration.ofMinutes(1);
    private final SessionKeySource source;
    private final PublicKeys issuerKeys;
    private final Clock clock;
    private final Map<String, Known> sessions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Known>> asking = new ConcurrentHashMap<>();
    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();

    /** @param issuerKeys the issuer's public keys, which sign the claims it sends */
    public VerifiedSessions(SessionKeySource source, PublicKeys issuerKeys, Clock clock) {
        this.source = source;
        this.issuerKeys = issuerKeys;
        this.clock = clock;
    }

    /** A session's claims and the signing key of one of its days and regions. */
    record Session(SessionClaims claims, byte[] signingKey) {
    }

    private record Known(SessionClaims claims, Map<String, byte[]> signingKeys) {
    }

    private record Refusal(String message, Instant until) {
    }

    /**
     * @throws TokenException             when the issuer refused the token, or the claims it sent are not signed by it
     * @throws IssuerUnavailableException when the issuer could not be asked
     */
    Session session(String token, String date, String region) {
        String scope = date + "/" + region;
        Known known = sessions.get(token);
        byte[] key = known == null ? null : known.signingKeys().get(scope);
        if (key != null) {
            return new Session(known.claims(), key);
        }
        if (!plausible(token)) {
            throw new TokenException("The security token included in the request is invalid.");
        }
        Refusal refusal = refused.get(token);
        if (refusal != null && refusal.until().isAfter(clock.instant())) {
            throw new TokenException(refusal.message());
        }
        String question = token + "\n" + scope;
        CompletableFuture<Known> mine = new CompletableFuture<>();
        CompletableFuture<Known> pending = asking.putIfAbsent(question, mine);
        if (pending != null) {
            return answer(pending, scope);
        }
        try {
            mine.complete(ask(token, date, region, scope));
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            asking.remove(question);
        }
        return answer(mine, scope);
    }

    /** Whether the token could be one the issuer sealed (URL-safe base64 of bounded length): garbage is not worth a question. */
    private static boolean plausible(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private Known ask(String token, String date, String region, String scope) {
        SessionKeyGrant grant;
        SessionClaims claims;
        try {
            grant = source.fetch(token, date, region);
            claims = SignedClaims.open(grant.signedClaims(), issuerKeys);
        } catch (TokenException e) {
            if (refused.size() > MAX_REFUSED) {
                refused.clear();
            }
            refused.put(token, new Refusal(e.getMessage(), clock.instant().plus(REFUSAL_REMEMBERED)));
            throw e;
        }
        if (sessions.size() > MAX_SESSIONS) {
            sessions.clear();
        }
        Known known = sessions.computeIfAbsent(token, t -> new Known(claims, new ConcurrentHashMap<>()));
        known.signingKeys().put(scope, grant.signingKey());
        return known;
    }

    private static Session answer(CompletableFuture<Known> answer, String scope) {
        try {
            Known known = answer.join();
            return new Session(known.claims(), known.signingKeys().get(scope));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
