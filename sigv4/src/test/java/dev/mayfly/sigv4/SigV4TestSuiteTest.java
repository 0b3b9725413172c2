package dev.mayfly.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the AWS SigV4 test suite (Apache-2.0, vendored in this module's test resources with its LICENSE and
 * README), in both the header and the presigned form.
 */
class SigV4TestSuiteTest {

    private static final Path SUITE = locateSuite();

    @TestFactory
    Stream<DynamicTest> verifyWhenVectorSignedRequestThenAccepted() throws IOException {
        return cases().flatMap(dir -> Stream.of("header", "query").map(form -> DynamicTest.dynamicTest(
                dir.getFileName() + " " + form, () -> {
                    Vector vector = Vector.load(dir, form);
                    vector.verifier().verify(vector.request(), SignatureParser.parse(vector.request()), vector.secret(), vector.time());
                })));
    }

    @TestFactory
    Stream<DynamicTest> signWhenVectorRequestThenSameSignatureAsSuite() throws IOException {
        return cases().filter(dir -> !dir.getFileName().toString().startsWith("post-sts-header")
                        && !dir.getFileName().toString().equals("get-vanilla-with-session-token")
                        && !dir.getFileName().toString().contains("unnormalized"))
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                    JsonNode context = new ObjectMapper().readTree(dir.resolve("context.json").toFile());
                    SignedRequest request = Vector.parseRequest(Files.readString(dir.resolve("request.txt"), StandardCharsets.UTF_8));
                    if (context.path("sign_body").asBoolean(false)) {
                        request.headers().add("X-Amz-Content-Sha256", SigningKeys.sha256Hex(request.body()));
                    }
                    SigV4Signer.sign(request, context.path("credentials").path("access_key_id").asText(),
                            context.path("credentials").path("secret_access_key").asText(), null,
                            context.path("region").asText(), context.path("service").asText(),
                            Instant.parse(context.path("timestamp").asText()));
                    assertThat(request.headers().first("authorization"))
                            .endsWith("Signature=" + Files.readString(dir.resolve("header-signature.txt")).strip());
                }));
    }

    @TestFactory
    Stream<DynamicTest> canonicalRequestWhenVectorThenMatchesExpected() throws IOException {
        return cases().flatMap(dir -> Stream.of("header", "query").map(form -> DynamicTest.dynamicTest(
                dir.getFileName() + " " + form, () -> {
                    Vector vector = Vector.load(dir, form);
                    SignatureParts parts = SignatureParser.parse(vector.request());
                    boolean tokenAfter = dir.getFileName().toString().equals("post-sts-header-after") && form.equals("query");
                    String canonical = CanonicalRequest.of(vector.request(), parts, vector.normalize(), tokenAfter);
                    assertThat(canonical).isEqualTo(Files.readString(dir.resolve(form + "-canonical-request.txt")));
                    assertThat(CanonicalRequest.stringToSign(canonical, parts))
                            .isEqualTo(Files.readString(dir.resolve(form + "-string-to-sign.txt")))
                            // hashed from the canonical request's bytes as they are written, as the verifier does
                            .isEqualTo(CanonicalRequest.stringToSign(vector.request(), parts, vector.normalize(), tokenAfter));
                })));
    }

    @TestFactory
    Stream<DynamicTest> verifyWhenAnySignedPartChangedThenSignatureDoesNotMatch() throws IOException {
        return cases().flatMap(dir -> Stream.of("header", "query").flatMap(form -> {
            Vector vector;
            try {
                vector = Vector.load(dir, form);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return tamperings(vector.request()).stream().map(tampered -> DynamicTest.dynamicTest(
                    dir.getFileName() + " " + form + " " + tampered.what(), () -> assertThatThrownBy(() ->
                            vector.verifier().verify(tampered.request(), SignatureParser.parse(tampered.request()),
                                    vector.secret(), vector.time()))
                            .isInstanceOfSatisfying(SignatureException.class, e ->
                                    assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH))));
        }));
    }

    private record Tampered(String what, SignedRequest request) {
    }

    private static List<Tampered> tamperings(SignedRequest r) {
        List<Tampered> out = new ArrayList<>();
        out.add(new Tampered("method", new SignedRequest(r.method().equals("GET") ? "PUT" : "GET", r.path(), r.rawQuery(), r.headers(), r.body())));
        out.add(new Tampered("path", new SignedRequest(r.method(), r.path() + "x", r.rawQuery(), r.headers(), r.body())));
        out.add(new Tampered("query", new SignedRequest(r.method(), r.path(), r.rawQuery().isEmpty() ? "a=b" : r.rawQuery() + "&a=b", r.headers(), r.body())));
        out.add(new Tampered("host", new SignedRequest(r.method(), r.path(), r.rawQuery(), replaceHost(r.headers()), r.body())));
        byte[] body = java.util.Arrays.copyOf(r.body(), r.body().length + 1);
        body[body.length - 1] = 'x';
        out.add(new Tampered("body", new SignedRequest(r.method(), r.path(), r.rawQuery(), r.headers(), body)));
        return out;
    }

    private static RequestHeaders replaceHost(RequestHeaders headers) {
        RequestHeaders copy = new RequestHeaders();
        for (String name : List.of("host", "x-amz-date", "authorization", "x-amz-security-token", "my-header1",
                "my-header2", "content-type", "content-length", "x-amz-content-sha256")) {
            for (String value : headers.all(name)) {
                copy.add(name, name.equals("host") ? "evil.example.com" : value);
            }
        }
        return copy;
    }

    private static Stream<Path> cases() throws IOException {
        return Files.list(SUITE).filter(Files::isDirectory).sorted();
    }

    private static Path locateSuite() {
        java.net.URL suite = SigV4TestSuiteTest.class.getResource("/aws-sig-v4-test-suite");
        if (suite == null) {
            throw new IllegalStateException("The SigV4 test suite is missing from the test resources");
        }
        try {
            return Path.of(suite.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Vector(SignedRequest request, String secret, Instant time, boolean normalize, SigV4Verifier verifier) {

        static Vector load(Path dir, String form) throws IOException {
            JsonNode context = new ObjectMapper().readTree(dir.resolve("context.json").toFile());
            boolean normalize = context.path("normalize").asBoolean(true);
            return new Vector(parseRequest(Files.readString(dir.resolve(form + "-signed-request.txt"), StandardCharsets.UTF_8)),
                    context.path("credentials").path("secret_access_key").asText(),
                    Instant.parse(context.path("timestamp").asText()), normalize,
                    new SigV4Verifier(Set.of(context.path("service").asText()), normalize));
        }

        /** The suite's raw HTTP/1.1 files: request line, headers (continuation lines fold into the previous one), body. */
        static SignedRequest parseRequest(String text) {
            String[] lines = text.split("\n", -1);
            String requestLine = lines[0];
            String method = requestLine.substring(0, requestLine.indexOf(' '));
            String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
            int question = target.indexOf('?');
            RequestHeaders headers = new RequestHeaders();
            List<String[]> pending = new ArrayList<>();
            int i = 1;
            for (; i < lines.length && !lines[i].isEmpty(); i++) {
                if (Character.isWhitespace(lines[i].charAt(0)) && !pending.isEmpty()) {
                    String[] last = pending.get(pending.size() - 1);
                    last[1] = last[1] + "\n" + lines[i];
                } else {
                    int colon = lines[i].indexOf(':');
                    pending.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1)});
                }
            }
            pending.forEach(h -> headers.add(h[0], h[1]));
            String body = i + 1 < lines.length ? String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)) : "";
            return new SignedRequest(method, question < 0 ? target : target.substring(0, question),
                    question < 0 ? "" : target.substring(question + 1), headers, body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
