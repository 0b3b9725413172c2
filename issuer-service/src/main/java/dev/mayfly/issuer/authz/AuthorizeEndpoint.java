package dev.mayfly.issuer.authz;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.auth.Authenticator;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.authz.AuthorizationRequest;
import dev.mayfly.runtime.authz.AuthorizationResult;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SignatureException;
import dev.mayfly.sigv4.SignatureParts;
import dev.mayfly.sigv4.SignedRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;

/**
 * POST /mayfly/authorize: the other services pass a signed request as it reached them, with the action
 * and resource it asks for; the answer is who signed it and whether they may, decided exactly as for the
 * issuer's own calls. The request never carries a secret, and neither does the answer.
 */
public final class AuthorizeEndpoint implements HttpHandler {

    private static final int MAX_BODY_BYTES = 256 * 1024;
    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final Clock clock;

    public AuthorizeEndpoint(Authenticator authenticator, Authorizer authorizer, Clock clock) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        AuthorizationResult result;
        try {
            AuthorizationRequest request = Json.mapper().readValue(HttpExchanges.readBody(exchange, MAX_BODY_BYTES),
                    AuthorizationRequest.class);
            result = decide(request, exchange);
        } catch (IOException | IllegalArgumentException e) {
            result = AuthorizationResult.refuse(null, "InvalidRequest", "The authorization request is not valid JSON.", 400);
        } catch (AwsServiceException e) {
            result = AuthorizationResult.refuse(null, e.code(), e.getMessage(), e.httpStatus());
        }
        HttpExchanges.send(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(result));
    }

    private AuthorizationResult decide(AuthorizationRequest request, HttpExchange exchange) {
        RequestHeaders headers = new RequestHeaders();
        if (request.headers() != null) {
            request.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        }
        SignedRequest signed = new SignedRequest(request.method(), request.path(), request.rawQuery(), headers,
                request.body() == null ? new byte[0] : Base64.getDecoder().decode(request.body()));
        Caller caller = null;
        SignatureParts parts = null;
        try {
            parts = authenticator.claims(signed);
            caller = authenticator.authenticate(signed, parts, request.service());
            String sourceIp = request.sourceIp() != null ? request.sourceIp() : HttpExchanges.sourceIp(exchange);
            authorizer.authorize(caller, request.action(), request.resource(),
                    ConditionKeys.of(caller, sourceIp, false, clock.instant()));
            return AuthorizationResult.allow(caller.userIdentity());
        } catch (SignatureException e) {
            // the identity the request claims, unverified: only for the asking service's audit record
            Caller claimed = parts == null ? null : authenticator.claimedCaller(parts).orElse(null);
            return AuthorizationResult.refuse(claimed == null ? null : claimed.userIdentity(), e.failure().code(),
                    e.getMessage(), e.failure().httpStatus());
        } catch (AwsServiceException e) {
            return AuthorizationResult.refuse(caller == null ? null : caller.userIdentity(), e.code(), e.getMessage(), e.httpStatus());
        }
    }
}
