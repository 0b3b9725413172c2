package dev.mayfly.issuer.verifierkeys;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.SessionKeyRequest;
import dev.mayfly.contract.SessionKeyResponse;
import dev.mayfly.issuer.authz.ServiceCredentials;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.token.SessionKeyGrants;
import dev.mayfly.token.SessionKeyGrant;
import dev.mayfly.token.SessionKeyGrants.SessionKeyRefused;
import dev.mayfly.token.TokenException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * POST /mayfly/session-key: a verifier, with its own service credential, shows a session token it received and asks for
 * what it needs to check that session's requests to it ({@link SessionKeyGrants}): the signed claims and the signing key
 * of one day and region for the service its credential names. Anyone else is refused before the token is looked at.
 */
public final class SessionKeyEndpoint implements HttpHandler {

    private static final int MAX_BODY_BYTES = 16 * 1024;
    private final ServiceCredentials callers;
    private final SessionKeyGrants grants;
    private final MeterRegistry metrics;
    private final Clock clock;

    public SessionKeyEndpoint(ServiceCredentials callers, SessionKeyGrants grants, MeterRegistry metrics, Clock clock) {
        this.callers = callers;
        this.grants = grants;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Optional<String> service = callers.admitted(exchange.getRequestHeaders().getFirst("Authorization"));
        if (service.isEmpty()) {
            answer(exchange, 401, "not-a-service", SessionKeyResponse.refused("AccessDenied",
                    "Only verifiers, each with its own credential (Authorization: MayflyService NAME:TOKEN), are answered here."));
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "malformed", SessionKeyResponse.refused("InvalidRequest", "Ask with POST."));
            return;
        }
        SessionKeyRequest request;
        try {
            request = Json.mapper().readValue(HttpExchanges.readBody(exchange, MAX_BODY_BYTES), SessionKeyRequest.class);
        } catch (AwsServiceException e) {
            // too large, or a Content-Length that is no number: answered as the body's refusal says, never a 500
            answer(exchange, e.httpStatus(), "malformed", SessionKeyResponse.refused(e.code(), e.getMessage()));
            return;
        } catch (IOException | IllegalArgumentException e) {
            request = null;
        }
        if (request == null || request.sessionToken() == null || request.date() == null || request.region() == null) {
            answer(exchange, 400, "malformed", SessionKeyResponse.refused("InvalidRequest",
                    "The request is JSON with sessionToken, date (yyyyMMdd) and region."));
            return;
        }
        try {
            SessionKeyGrant grant = grants.grant(request.sessionToken(), request.date(), request.region(), service.get(), clock.instant());
            answer(exchange, 200, "granted", new SessionKeyResponse(grant.signedClaims(),
                    Base64.getEncoder().encodeToString(grant.signingKey()), null, null));
        } catch (TokenException e) {
            answer(exchange, 403, "invalid-token", SessionKeyResponse.refused("InvalidClientTokenId", e.getMessage()));
        } catch (SessionKeyRefused e) {
            answer(exchange, 403, "refused", SessionKeyResponse.refused("AccessDenied", e.getMessage()));
        }
    }

    private void answer(HttpExchange exchange, int status, String outcome, SessionKeyResponse response) throws IOException {
        metrics.counter("mayfly.session.keys", "outcome", outcome).increment();
        HttpExchanges.send(exchange, status, "application/json", Json.mapper().writeValueAsBytes(response));
    }
}
