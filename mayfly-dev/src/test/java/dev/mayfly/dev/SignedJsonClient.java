package dev.mayfly.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** Calls a JSON API with requests signed by the AWS SDK's own SigV4 signer, as any AWS client would. */
final class SignedJsonClient {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");
    private final HttpClient http;
    private final AwsCredentials credentials;
    private final String service;

    SignedJsonClient(AwsCredentials credentials, String service) {
        this(HttpClient.newHttpClient(), credentials, service);
    }

    /** @param http the client to send with: one trusting a private CA, for a service on https:// */
    SignedJsonClient(HttpClient http, AwsCredentials credentials, String service) {
        this.http = http;
        this.credentials = credentials;
        this.service = service;
    }

    /** A GET presigned in its query string (X-Amz-Signature...), valid five minutes: what any holder of the URL may call. */
    URI presignedGet(URI uri) {
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(uri).build();
        return AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, java.time.Duration.ofMinutes(5))).request().getUri();
    }

    HttpResponse<String> send(String method, URI uri, String json) throws IOException, InterruptedException {
        return send(method, uri, json, Map.of("Content-Type", "application/json"));
    }

    /** An operation of AWS's JSON 1.1 protocol, named by X-Amz-Target. */
    HttpResponse<String> target(URI uri, String target, String json) throws IOException, InterruptedException {
        return send("POST", uri, json, Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target));
    }

    /** An operation of AWS's JSON 1.1 protocol, from a client that calls itself {@code userAgent}. */
    HttpResponse<String> target(URI uri, String target, String json, String userAgent) throws IOException, InterruptedException {
        return send("POST", uri, json, Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target, "User-Agent", userAgent));
    }

    private HttpResponse<String> send(String method, URI uri, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(builder::putHeader);
        SdkHttpFullRequest unsigned = builder.build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
