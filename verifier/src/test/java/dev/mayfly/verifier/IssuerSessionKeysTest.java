package dev.mayfly.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.contract.SessionKeyRequest;
import dev.mayfly.token.SessionKeyGrant;
import dev.mayfly.token.TokenException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the verifier makes of the issuer's answers, whatever they are: a grant, a refusal of the token, or an issuer it
 * cannot use (down, broken, or refusing the verifier itself), which refuses new sessions and is never taken for a grant.
 */
class IssuerSessionKeysTest {

    private static final ServiceCredential NOTES = new ServiceCredential("notes", "0".repeat(64));
    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private HttpServer issuer;

    private record Answer(int status, String body) {
    }

    @BeforeEach
    void anIssuerThatAnswersWhatTheTestSays() throws Exception {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext(SessionKeyRequest.PATH, exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.get().body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.get().status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        issuer.start();
    }

    @AfterEach
    void stop() {
        issuer.stop(0);
    }

    private SessionKeyGrant ask(int status, String body) {
        answer.set(new Answer(status, body));
        return new IssuerSessionKeys(new IssuerConnection(URI.create("http://127.0.0.1:" + issuer.getAddress().getPort()), NOTES, null))
                .fetch("token", "20261206", "us-east-1");
    }

    @Test
    void fetchWhenGrantedThenTheClaimsAndKeyWithTheVerifiersOwnCredential() {
        SessionKeyGrant grant = ask(200, "{\"signedClaims\":\"a.b.c\",\"signingKey\":\"AAECAw==\"}");

        assertThat(grant.signedClaims()).isEqualTo("a.b.c");
        assertThat(grant.signingKey()).containsExactly(0, 1, 2, 3);
        assertThat(authorization.get()).isEqualTo(NOTES.header());
    }

    @Test
    void fetchWhenTheIssuerRefusesTheTokenThenTokenExceptionWithItsWords() {
        assertThatThrownBy(() -> ask(403, "{\"code\":\"InvalidClientTokenId\",\"message\":\"The security token included in the request is expired\"}"))
                .isInstanceOf(TokenException.class).hasMessage("The security token included in the request is expired");
    }

    @Test
    void fetchWhenTheIssuerIsBrokenOrRefusesTheVerifierThenUnavailableNeverAGrant() {
        assertThatThrownBy(() -> ask(500, "<html>Internal error</html>")).isInstanceOf(IssuerUnavailableException.class);
        assertThatThrownBy(() -> ask(200, "not json")).isInstanceOf(IssuerUnavailableException.class);
        assertThatThrownBy(() -> ask(200, "{}")).isInstanceOf(IssuerUnavailableException.class);
        assertThatThrownBy(() -> ask(200, "null")).isInstanceOf(IssuerUnavailableException.class);
        assertThatThrownBy(() -> ask(200, "{\"signedClaims\":\"a.b.c\",\"signingKey\":\"not base64!\"}"))
                .isInstanceOf(IssuerUnavailableException.class);
        assertThatThrownBy(() -> ask(401, "{\"code\":\"AccessDenied\",\"message\":\"Only verifiers\"}"))
                .isInstanceOf(IssuerUnavailableException.class).hasMessageContaining("own credential");
        assertThatThrownBy(() -> ask(403, "")).isInstanceOf(IssuerUnavailableException.class);
    }

    @Test
    void fetchWhenNoIssuerListensThenUnavailable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        IssuerSessionKeys keys = new IssuerSessionKeys(new IssuerConnection(URI.create("http://127.0.0.1:" + closed), NOTES, null));

        assertThatThrownBy(() -> keys.fetch("token", "20261206", "us-east-1")).isInstanceOf(IssuerUnavailableException.class);
    }

    @Test
    void connectionWhenTheIssuerIsPlainHttpOffLoopbackThenRefused() {
        assertThatThrownBy(() -> new IssuerConnection(URI.create("http://192.0.2.10:7070"), NOTES, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
        assertThat(new IssuerConnection(URI.create("https://issuer.example:7070"), NOTES, null).service()).isEqualTo("notes");
    }
}
