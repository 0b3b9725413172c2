package dev.mayfly.issuer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * What terminates TLS in front of an issuer in a deployment, for tests: HTTPS on 127.0.0.1 with a self-signed certificate
 * (trusted through its thumbprint, as IAM's OpenID Connect providers are), forwarding GET requests to the issuer's plain
 * HTTP listener. It is bound before the issuer starts, so that the issuer can be told the public URL it is reached at.
 */
final class TlsFront implements AutoCloseable {

    private final HttpsServer server;
    private final String thumbprint;
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile URI target;

    TlsFront() throws Exception {
        KeyPair tlsKey = TestIdentityProvider.rsa();
        X509Certificate certificate = TestIdentityProvider.selfSigned(tlsKey, new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
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
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    /** The public URL: what the issuer behind is told it is reached at. */
    URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    String thumbprint() {
        return thumbprint;
    }

    /** Where requests go from now on: the issuer's own listener. */
    void forwardTo(URI issuer) {
        this.target = issuer;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath())).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            answer.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
