package dev.mayfly.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * IAM Access Analyzer's REST JSON operations as the AWS CLI and SDKs send them (method, path, query, JSON body), signed
 * by the AWS SDK's own SigV4 signer for the service name access-analyzer. (The SDK's accessanalyzer client is not served
 * by the registry this build resolves from; the requests are the model's, botocore's accessanalyzer 2019-11-01.)
 */
final class AccessAnalyzerCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final AwsCredentials credentials;
    private final String signingName;
    private final URI endpoint;

    AccessAnalyzerCalls(AwsCredentials credentials) {
        this(credentials, "access-analyzer");
    }

    /** @param signingName the service the signature's scope names: another than access-analyzer, for tests of refusals */
    AccessAnalyzerCalls(AwsCredentials credentials, String signingName) {
        this(credentials, signingName, IssuerFixture.endpoint());
    }

    /** @param endpoint the issuer to call: another of the same database, for tests of what every issuer answers */
    AccessAnalyzerCalls(AwsCredentials credentials, String signingName, URI endpoint) {
        this.credentials = credentials;
        this.signingName = signingName;
        this.endpoint = endpoint;
    }

    /** An answer: its status, its body as JSON (null when empty or not JSON), and the error code it names, if any. */
    record Answer(int status, JsonNode body, String raw) {
        String errorCode() {
            return body == null ? null : body.path("__type").asText(null);
        }
    }

    Answer createAnalyzer(String name) throws Exception {
        return send("PUT", "/analyzer", "{\"analyzerName\":\"" + name + "\",\"type\":\"ACCOUNT\"}");
    }

    Answer listFindings(String analyzerArn, String moreJson) throws Exception {
        return send("POST", "/finding", "{\"analyzerArn\":\"" + analyzerArn + "\"" + (moreJson.isEmpty() ? "" : "," + moreJson) + "}");
    }

    Answer send(String method, String pathAndQuery, String json) throws IOException, InterruptedException {
        return send(method, pathAndQuery, json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
    }

    Answer send(String method, String pathAndQuery, byte[] body) throws IOException, InterruptedException {
        return answer(SignedRestRequests.send(credentials, signingName, method, URI.create(endpoint + pathAndQuery), body));
    }

    /** A request no one signed. */
    static Answer unsigned(String method, String pathAndQuery, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(IssuerFixture.endpoint() + pathAndQuery)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
        return answer(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> response) throws IOException {
        // a path of no Access Analyzer operation outside /analyzer and /finding is the Query endpoint's: XML
        JsonNode body = response.body().isEmpty() || response.body().startsWith("<") ? null : Json.mapper().readTree(response.body());
        return new Answer(response.statusCode(), body, response.body());
    }
}
