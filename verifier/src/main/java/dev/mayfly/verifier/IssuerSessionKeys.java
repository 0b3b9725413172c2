package dev.mayfly.verifier;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.SessionKeyRequest;
import dev.mayfly.contract.SessionKeyResponse;
import dev.mayfly.token.SessionKeyGrant;
import dev.mayfly.token.TokenException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the issuer's POST /mayfly/session-key, presenting the verifier's own credential. HttpURLConnection rather than
 * java.net.http: a blocking call on the request's own thread over a kept-alive connection, with no hand-off between
 * threads, answered about a millisecond sooner at the median on a busy machine (docs/benchmarks.md).
 */
public final class IssuerSessionKeys implements SessionKeySource {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerSessionKeys.class);
    private static final int TIMEOUT_MILLIS = (int) Duration.ofSeconds(3).toMillis();
    private final URL endpoint;
    private final String authorization;
    private final SSLSocketFactory tls;

    public IssuerSessionKeys(IssuerConnection connection) {
        try {
            this.endpoint = URI.create(connection.issuerUrl().toString().replaceAll("/+$", "") + SessionKeyRequest.PATH).toURL();
        } catch (IOException e) {
            throw new IllegalArgumentException("The issuer's URL cannot be used: " + connection.issuerUrl(), e);
        }
        this.authorization = connection.credential().header();
        this.tls = connection.tls() == null ? null : connection.tls().getSocketFactory();
    }

    @Override
    public SessionKeyGrant fetch(String sessionToken, String date, String region) {
        int status;
        byte[] body;
        try {
            HttpURLConnection http = (HttpURLConnection) endpoint.openConnection();
            if (tls != null && http instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(tls);
            }
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json");
            http.setRequestProperty("Authorization", authorization);
            try (OutputStream out = http.getOutputStream()) {
                out.write(Json.mapper().writeValueAsBytes(new SessionKeyRequest(sessionToken, date, region)));
            }
            status = http.getResponseCode();
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                body = in == null ? new byte[0] : in.readNBytes(64 * 1024);
            }
        } catch (SSLException e) {
            LOG.warn("the issuer at {} was not trusted: {}", endpoint, e.getMessage());
            throw new IssuerUnavailableException("the issuer's certificate was not trusted");
        } catch (IOException e) {
            throw new IssuerUnavailableException("the issuer could not be reached: " + e.getClass().getSimpleName());
        }
        SessionKeyResponse answer = readable(status, body);
        if (status == 200 && answer.signedClaims() != null && answer.signingKey() != null) {
            return new SessionKeyGrant(answer.signedClaims(), signingKey(answer.signingKey()));
        }
        if (status == 401) {
            // the verifier's own credential was refused: every session would be, so it is the operator's to fix
            LOG.error("the issuer at {} refused this verifier's credential: write it again with ./mayfly service-credential", endpoint);
            throw new IssuerUnavailableException("the issuer refused this verifier's own credential");
        }
        if (status == 403) {
            throw new TokenException(answer.message() == null ? "The security token included in the request is invalid." : answer.message());
        }
        throw new IssuerUnavailableException("the issuer answered " + status);
    }

    /** The answer, or unavailable when it is none (JSON null included): an unreadable answer is never a grant. */
    private static SessionKeyResponse readable(int status, byte[] body) {
        try {
            SessionKeyResponse answer = Json.mapper().readValue(body, SessionKeyResponse.class);
            if (answer != null) {
                return answer;
            }
        } catch (IOException | IllegalArgumentException e) {
            // below
        }
        throw new IssuerUnavailableException("the issuer's answer was not readable (status " + status + ")");
    }

    private static byte[] signingKey(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IssuerUnavailableException("the issuer's signing key was not base64");
        }
    }
}
