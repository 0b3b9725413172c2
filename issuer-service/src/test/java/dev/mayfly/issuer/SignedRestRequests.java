package dev.mayfly.issuer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** Requests of the issuer's REST JSON APIs, signed by the AWS SDK's own SigV4 signer as the SDKs and the CLI sign them. */
final class SignedRestRequests {

    /** Headers the JDK's client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SignedRestRequests() {
    }

    /** A JSON request (an empty body sends none), signed for the service name in us-east-1. */
    static HttpResponse<String> send(AwsCredentials credentials, String signingName, String method, URI uri, byte[] body)
            throws IOException, InterruptedException {
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("Content-Type", "application/json").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
