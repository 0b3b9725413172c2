package dev.mayfly.issuer;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An OpenID Connect provider for tests: HTTPS on 127.0.0.1 with a self-signed certificate (trusted only through its
 * thumbprint), a discovery document, a JWKS with the keys it signs tokens with, and key rotation. Counts how often its
 * keys are fetched, and how many requests it had; its JWKS endpoint can be made to misbehave.
 */
final class TestIdentityProvider implements AutoCloseable {

    private final HttpsServer server;
    private final String thumbprint;
    private final List<SigningKey> keys = new ArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean available = true;
    private volatile HttpHandler jwksAnswer = this::answerJwks;

    /** A key the provider signs with: its id, its JWS algorithm and the pair. */
    record SigningKey(String kid, String alg, KeyPair pair) {
    }

    /** A provider whose certificate names it as it is reached: 127.0.0.1 (and localhost). */
    TestIdentityProvider() throws Exception {
        this(new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost"));
    }

    /** A provider on 127.0.0.1 whose certificate names only this host, as one impersonating that host would have. */
    static TestIdentityProvider certifiedOnlyFor(String dnsName) throws Exception {
        return new TestIdentityProvider(new GeneralName(GeneralName.dNSName, dnsName));
    }

    private TestIdentityProvider(GeneralName... certificateNames) throws Exception {
        KeyPair tlsKey = rsa();
        X509Certificate certificate = selfSigned(tlsKey, certificateNames);
        thumbprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tls", tlsKey.getPrivate(), new char[0], new X509Certificate[] {certificate});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        // a slow answer must not hold up the others, as one thread for all would
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/.well-known/openid-configuration", exchange -> {
            requests.incrementAndGet();
            respond(exchange, """
                    {"issuer":"%s","jwks_uri":"%s/jwks","id_token_signing_alg_values_supported":["RS256","ES256"]}""".formatted(url(), url()));
        });
        server.createContext("/jwks", exchange -> {
            requests.incrementAndGet();
            jwksFetches.incrementAndGet();
            jwksAnswer.handle(exchange);
        });
        server.start();
        rotate("RS256");
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The SHA-1 thumbprint of the provider's (self-signed) certificate, as IAM's ThumbprintList takes it. */
    String thumbprint() {
        return thumbprint;
    }

    int jwksFetches() {
        return jwksFetches.get();
    }

    /** Every request it had, for its discovery document or its JWKS. */
    int requests() {
        return requests.get();
    }

    void available(boolean answers) {
        this.available = answers;
    }

    /** From now on the JWKS endpoint answers so (still counted as a fetch of the keys). */
    void jwksAnswer(HttpHandler answer) {
        this.jwksAnswer = answer;
    }

    /** The JWKS endpoint's answer as it was at the start: the keys, or 503 when not available. */
    void answerJwks(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        respond(exchange, jwksDocument());
    }

    /** Adds a new signing key (RS256 or ES256) and signs with it from now on; older keys stay published. */
    synchronized SigningKey rotate(String alg) throws Exception {
        SigningKey key = new SigningKey("k" + (keys.size() + 1), alg, alg.equals("ES256") ? ec() : rsa());
        keys.add(key);
        return key;
    }

    /** Drops every key but the newest from the JWKS. */
    synchronized void retireOldKeys() {
        SigningKey newest = keys.getLast();
        keys.clear();
        keys.add(newest);
    }

    /** A token with these claims, signed with the newest key. */
    String token(Map<String, Object> claims) throws Exception {
        return sign(keys.getLast(), claims);
    }

    /** Standard claims: this issuer, the audience, the subject, valid for an hour from now. */
    Map<String, Object> claims(String audience, String subject) {
        Map<String, Object> claims = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", url());
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        return claims;
    }

    static String sign(SigningKey key, Map<String, Object> claims) throws Exception {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString(("{\"alg\":\"" + key.alg() + "\",\"kid\":\"" + key.kid() + "\",\"typ\":\"JWT\"}")
                .getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(dev.mayfly.contract.Json.mapper().writeValueAsBytes(claims));
        PrivateKey privateKey = key.pair().getPrivate();
        Signature signature = Signature.getInstance(key.alg().equals("ES256") ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
        signature.initSign(privateKey);
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + encoder.encodeToString(signature.sign());
    }

    /** The JWKS: every key the provider signs with, or signed with before (until retired). */
    synchronized String jwksDocument() {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        List<String> jwks = new ArrayList<>();
        for (SigningKey key : keys) {
            if (key.pair().getPublic() instanceof RSAPublicKey rsa) {
                jwks.add("{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + key.kid() + "\",\"n\":\""
                        + encoder.encodeToString(unsigned(rsa.getModulus())) + "\",\"e\":\"" + encoder.encodeToString(unsigned(rsa.getPublicExponent())) + "\"}");
            } else if (key.pair().getPublic() instanceof ECPublicKey ec) {
                jwks.add("{\"kty\":\"EC\",\"use\":\"sig\",\"alg\":\"ES256\",\"crv\":\"P-256\",\"kid\":\"" + key.kid() + "\",\"x\":\""
                        + encoder.encodeToString(fixed(ec.getW().getAffineX())) + "\",\"y\":\"" + encoder.encodeToString(fixed(ec.getW().getAffineY())) + "\"}");
            }
        }
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    private void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(available ? 200 : 503, available ? body.length : -1);
        if (available) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(BigInteger coordinate) {
        byte[] bytes = unsigned(coordinate);
        byte[] out = new byte[32];
        System.arraycopy(bytes, 0, out, 32 - bytes.length, bytes.length);
        return out;
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static X509Certificate selfSigned(KeyPair pair, GeneralName... names) throws Exception {
        X500Name name = new X500Name("CN=test identity provider");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86400)), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                .build(pair.getPrivate())));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
