package dev.mayfly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI's signed client against a service that answers Throttling (an account's request rate used up): it tries again
 * after a pause, signing each attempt anew, as the AWS SDKs do, and gives up after five attempts; other errors are
 * answered at once.
 */
class QueryClientTest {

    private static final String JSON_THROTTLING = "{\"__type\":\"Throttling\",\"message\":\"Rate exceeded\"}";
    private static final String XML_THROTTLING = "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
            + "<Message>Rate exceeded</Message></Error></ErrorResponse>";

    private HttpServer server;
    private final List<String> signatures = new CopyOnWriteArrayList<>();

    /** A service that answers {@code throttled} times with that Throttling body, then 200. */
    private QueryClient clientOfAService(int throttled, int status, String throttlingBody) throws Exception {
        AtomicInteger answered = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            signatures.add(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean refuse = answered.getAndIncrement() < throttled;
            byte[] body = (refuse ? throttlingBody : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refuse ? status : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new QueryClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "AKIAEXAMPLE", "secret");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void targetWhenThrottledTwiceThenTriedAgainUntilAnswered() throws Exception {
        QueryClient client = clientOfAService(2, 400, JSON_THROTTLING);

        HttpResponse<String> response = client.target("CloudTrail_20131101.LookupEvents", "{}", "cloudtrail");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(signatures).hasSize(3).allSatisfy(signature -> assertThat(signature).startsWith("AWS4-HMAC-SHA256 "));
    }

    @Test
    void callWhenQueryProtocolThrottlingThenTriedAgain() throws Exception {
        QueryClient client = clientOfAService(1, 400, XML_THROTTLING);

        assertThat(client.call("iam", "2010-05-08", "ListUsers", Map.of()).statusCode()).isEqualTo(200);
        assertThat(signatures).hasSize(2);
    }

    @Test
    void jsonWhenThrottledEveryTimeThenTheLastAnswerAfterFiveAttempts() throws Exception {
        QueryClient client = clientOfAService(Integer.MAX_VALUE, 400, JSON_THROTTLING);

        HttpResponse<String> response = client.json("GET", "/rules", null, "revocation");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(QueryClient.throttled(response)).isTrue();
        assertThat(signatures).hasSize(5);
    }

    @Test
    void targetWhenThrottlingExceptionThenTriedAgain() throws Exception {
        // the audit API's answer to an account's fifth search at once, as CloudTrail names it
        QueryClient client = clientOfAService(1, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");

        assertThat(client.target("CloudTrail_20131101.LookupEvents", "{}", "cloudtrail").statusCode()).isEqualTo(200);
        assertThat(signatures).hasSize(2);
    }

    @Test
    void targetWhenAnotherErrorThenAnsweredAtOnce() throws Exception {
        QueryClient client = clientOfAService(1, 400, "{\"__type\":\"InvalidLookupAttributesException\",\"message\":\"Throttling\"}");

        assertThat(client.target("CloudTrail_20131101.LookupEvents", "{}", "cloudtrail").statusCode()).isEqualTo(400);
        assertThat(signatures).hasSize(1);
    }
}
