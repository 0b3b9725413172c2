package dev.mayfly.issuer.webidentity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys an OpenID Connect provider signs its tokens with: its discovery document
 * ({issuer}/.well-known/openid-configuration) names its JWKS, both fetched over TLS that the provider's thumbprints
 * (or the JDK's trusted authorities) vouch for. Keys are cached for an hour; a token signed with a key id not in the
 * cache fetches them again (the provider rotated its keys); unknown key ids cannot make it fetch more than once every
 * ten seconds per provider.
 */
public final class SigningKeys {

    private static final Duration TTL = Duration.ofHours(1);
    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SigningKeys(Clock clock) {
        this.clock = clock;
    }

    /** A provider's keys by key id, when they were fetched, with which thumbprints, and whether for an unknown key id. */
    private record Cached(Map<String, PublicKey> keys, Instant fetchedAt, List<String> thumbprints, boolean forUnknownKey) {
    }

    /**
     * The key with this id (or, for a token without one, the provider's only key).
     *
     * @throws WebIdentityException IDPCommunicationError when the provider cannot be reached, InvalidIdentityToken when it
     *                              has no such key
     */
    public PublicKey key(String issuerUrl, List<String> thumbprints, String keyId) {
        Cached cached = cache.get(issuerUrl);
        Instant now = clock.instant();
        boolean stale = cached == null || !cached.thumbprints().equals(thumbprints) || cached.fetchedAt().plus(TTL).isBefore(now);
        boolean unknownKey = !stale && find(cached, keyId).isEmpty();
        if (stale || (unknownKey && (!cached.forUnknownKey() || cached.fetchedAt().plus(REFETCH_INTERVAL).isBefore(now)))) {
            cached = new Cached(fetch(issuerUrl, thumbprints), now, List.copyOf(thumbprints), unknownKey);
            cache.put(issuerUrl, cached);
        }
        return find(cached, keyId).orElseThrow(() ->
                WebIdentityException.invalidToken("No key with id " + keyId + " was found in the identity provider's keys."));
    }

    private static Optional<PublicKey> find(Cached cached, String keyId) {
        if (keyId == null) {
            return cached.keys().size() == 1 ? cached.keys().values().stream().findFirst() : Optional.empty();
        }
        return Optional.ofNullable(cached.keys().get(keyId));
    }

    private static Map<String, PublicKey> fetch(String issuerUrl, List<String> thumbprints) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).sslContext(ThumbprintTrust.context(thumbprints))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        JsonNode discovery = get(client, URI.create(issuerUrl + "/.well-known/openid-configuration"));
        String jwksUri = discovery.path("jwks_uri").asText("");
        if (!jwksUri.startsWith("https://")) {
            throw WebIdentityException.communication();
        }
        JsonNode jwks = get(client, URI.create(jwksUri));
        Map<String, PublicKey> keys = new HashMap<>();
        int anonymous = 0;
        for (JsonNode jwk : jwks.path("keys")) {
            if (!jwk.path("use").asText("sig").equals("sig")) {
                continue;
            }
            Optional<PublicKey> key = publicKey(jwk);
            if (key.isPresent()) {
                keys.put(jwk.path("kid").asText("#" + anonymous++), key.get());
            }
        }
        return Map.copyOf(keys);
    }

    private static JsonNode get(HttpClient client, URI uri) {
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_DOCUMENT_BYTES) {
                throw WebIdentityException.communication();
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw WebIdentityException.communication();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WebIdentityException.communication();
        }
    }

    /** An RSA or EC (P-256, P-384, P-521) public key from its JWK; other kinds are left out. */
    private static Optional<PublicKey> publicKey(JsonNode jwk) {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        try {
            switch (jwk.path("kty").asText()) {
                case "RSA" -> {
                    return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                            new BigInteger(1, decoder.decode(jwk.path("n").asText())), new BigInteger(1, decoder.decode(jwk.path("e").asText())))));
                }
                case "EC" -> {
                    String curve = switch (jwk.path("crv").asText()) {
                        case "P-256" -> "secp256r1";
                        case "P-384" -> "secp384r1";
                        case "P-521" -> "secp521r1";
                        default -> null;
                    };
                    if (curve == null) {
                        return Optional.empty();
                    }
                    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                    parameters.init(new ECGenParameterSpec(curve));
                    ECPoint point = new ECPoint(new BigInteger(1, decoder.decode(jwk.path("x").asText())),
                            new BigInteger(1, decoder.decode(jwk.path("y").asText())));
                    return Optional.of(KeyFactory.getInstance("EC").generatePublic(
                            new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class))));
                }
                default -> {
                    return Optional.empty();
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
