package dev.mayfly.issuer.webidentity;

import dev.mayfly.runtime.net.AddressPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an OpenID Connect provider's signing keys: its discovery document ({issuer}/.well-known/openid-configuration)
 * names its JWKS; both over TLS that the provider's thumbprints (or the JDK's trusted authorities) vouch for, within
 * one deadline for the two.
 */
final class ProviderKeysFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderKeysFetcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderHttpClient http;
    private final FetchLimits limits;

    ProviderKeysFetcher(AddressPolicy addresses, FetchLimits limits) {
        this.http = new ProviderHttpClient(addresses, limits.maxDocumentBytes());
        this.limits = limits;
    }

    /**
     * @throws WebIdentityException IDPCommunicationError when the keys cannot be had; why is logged, not told the
     *                              caller, who must not learn the platform's addresses or what answers on them
     */
    Map<String, PublicKey> fetch(String issuerUrl, List<String> thumbprints) {
        Deadline deadline = Deadline.after(limits.deadline());
        var tls = ThumbprintTrust.context(thumbprints);
        try {
            JsonNode discovery = JSON.readTree(http.get(URI.create(issuerUrl + "/.well-known/openid-configuration"), tls, deadline));
            URI jwksUri = URI.create(discovery.path("jwks_uri").asText(""));
            return JsonWebKeys.signingKeys(JSON.readTree(http.get(jwksUri, tls, deadline)));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not fetch the signing keys of identity provider {}: {}", issuerUrl, e.getMessage());
            throw WebIdentityException.communication();
        }
    }
}
