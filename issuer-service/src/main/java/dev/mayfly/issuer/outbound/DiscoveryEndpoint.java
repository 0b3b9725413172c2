package dev.mayfly.issuer.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.outbound.OutboundIssuers.DocumentRequest;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.signing.WebIdentityKeyRing;
import dev.mayfly.signing.WebIdentityKeyRing.PublicJwk;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * GET {issuer URL}/.well-known/openid-configuration and /.well-known/jwks.json: the OpenID Connect discovery document of
 * an account's outbound issuer and the public keys its tokens are signed with, for any relying party (Vault, Kubernetes,
 * another cloud, another Mayfly) to verify them without a secret. Public and cacheable, as discovery is: no credentials,
 * only public keys, and nothing of the account but its issuer URL, which the caller already named. An issuer id never
 * given answers 404, as does any other path; an issuer disabled since keeps answering, for the tokens it issued.
 */
public final class DiscoveryEndpoint implements HttpHandler {

    private static final Map<String, String> CACHEABLE = Map.of("Cache-Control",
            "public, max-age=" + WebIdentityKeyRing.JWKS_MAX_AGE.toSeconds());
    private final IdentityDirectory directory;
    private final OutboundIssuers issuers;
    private final Supplier<Optional<WebIdentityKeyRing>> keys;

    public DiscoveryEndpoint(IdentityDirectory directory, OutboundIssuers issuers, Supplier<Optional<WebIdentityKeyRing>> keys) {
        this.directory = directory;
        this.issuers = issuers;
        this.keys = keys;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            answer(exchange, 405, Map.of("error", "method_not_allowed", "error_description", "Only GET and HEAD are served here."),
                    Map.of("Allow", "GET, HEAD"));
            return;
        }
        Optional<DocumentRequest> request = OutboundIssuers.document(exchange.getRequestURI().getRawPath())
                .filter(asked -> directory.accountOfOutboundIssuer(asked.issuerId()).isPresent());
        if (request.isEmpty()) {
            answer(exchange, 404, Map.of("error", "not_found", "error_description", "No outbound web identity issuer is here."), Map.of());
            return;
        }
        String issuer = issuers.issuerUrl(request.get().issuerId());
        answer(exchange, 200, request.get().keySet() ? keySet() : configuration(issuer), CACHEABLE);
    }

    /** The discovery document (OpenID Connect Discovery 1.0): what a relying party needs to verify the issuer's tokens. */
    private static Map<String, Object> configuration(String issuer) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/.well-known/jwks.json");
        document.put("response_types_supported", List.of("id_token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256", "ES384"));
        document.put("claims_supported", List.of("iss", "sub", "aud", "iat", "exp", "jti", WebIdentityTokens.AWS_NAMESPACE));
        return document;
    }

    /** Every key of the ring, the retired ones too while their tokens may live, and the next one before it signs. */
    private Map<String, Object> keySet() {
        List<Map<String, String>> jwks = keys.get().map(ring -> ring.publicJwks().stream().map(PublicJwk::members).toList())
                .orElse(List.of());
        return Map.of("keys", jwks);
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body, Map<String, String> headers) throws IOException {
        byte[] json = Json.mapper().writeValueAsBytes(body);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        HttpExchanges.send(exchange, status, "application/json", json);
    }
}
