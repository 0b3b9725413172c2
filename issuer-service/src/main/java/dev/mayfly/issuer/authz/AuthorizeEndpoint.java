package dev.mayfly.issuer.authz;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.authz.AuthorizationRequest;
import dev.mayfly.runtime.authz.AuthorizationResult;
import java.io.IOException;

/**
 * POST /mayfly/authorize: the other services pass a signed request as it reached them, with the action
 * and resource it asks for; the answer is who signed it and whether they may, decided exactly as for the
 * issuer's own calls. The request never carries a secret, and neither does the answer. Only Mayfly's services are
 * answered, each with its own credential ({@link ServiceCredentials}): to anyone else the endpoint would be an oracle of
 * who holds which key and what each may do.
 */
public final class AuthorizeEndpoint implements HttpHandler {

    private static final int MAX_BODY_BYTES = 256 * 1024;
    private static final AuthorizationResult NOT_A_SERVICE = AuthorizationResult.refuse(null, "AccessDenied",
            "Only Mayfly's services, each with its own credential (Authorization: MayflyService NAME:TOKEN), are answered here.", 403);
    private final SignedRequestAuthorizer authorizer;
    private final ServiceCredentials callers;

    public AuthorizeEndpoint(SignedRequestAuthorizer authorizer, ServiceCredentials callers) {
        this.authorizer = authorizer;
        this.callers = callers;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!callers.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
            HttpExchanges.send(exchange, 403, "application/json", Json.mapper().writeValueAsBytes(NOT_A_SERVICE));
            return;
        }
        AuthorizationResult result;
        try {
            AuthorizationRequest request = Json.mapper().readValue(HttpExchanges.readBody(exchange, MAX_BODY_BYTES),
                    AuthorizationRequest.class);
            if (!complete(request)) {
                throw new IllegalArgumentException("incomplete");
            }
            if (request.sourceIp() == null) {
                request = new AuthorizationRequest(request.method(), request.path(), request.rawQuery(), request.headers(), request.body(),
                        request.service(), request.action(), request.resource(), HttpExchanges.sourceIp(exchange),
                        request.secureTransport());
            }
            result = authorizer.decide(request);
        } catch (IOException | IllegalArgumentException e) {
            result = AuthorizationResult.refuse(null, "InvalidRequest", "The authorization request is not valid JSON, or lacks a part of the request or what it asks for.", 400);
        } catch (AwsServiceException e) {
            result = AuthorizationResult.refuse(null, e.code(), e.getMessage(), e.httpStatus());
        }
        HttpExchanges.send(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(result));
    }

    /**
     * Whether the request has every part a decision reads: JSON null, or an object without a method, say, is the asker's
     * mistake, and was a NullPointerException here (found by ./mayfly bench fuzz).
     */
    private static boolean complete(AuthorizationRequest request) {
        return request != null && request.method() != null && request.path() != null && request.headers() != null
                && request.headers().values().stream().allMatch(values -> values != null && !values.contains(null))
                && request.service() != null && request.action() != null && request.resource() != null;
    }
}
