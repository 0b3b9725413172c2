package dev.mayfly.issuer.webidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading a provider's answer: 200 only, and never more of the body than the cap. */
class HttpResponseReaderTest {

    private static InputStream response(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A body that must not be read: it fails the test when it is. */
    private static final InputStream UNTOUCHABLE = new InputStream() {
        @Override
        public int read() {
            throw new AssertionError("the body was read");
        }
    };

    @Test
    void okBodyWhenContentLengthOrChunkedOrUntilTheEndThenTheBody() throws IOException {
        assertThat(HttpResponseReader.okBody(response("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"), 100)).asString().isEqualTo("hello");
        assertThat(HttpResponseReader.okBody(response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;ext=1\r\nhel\r\n2\r\nlo\r\n0\r\nTrailer: x\r\n\r\n"), 100)).asString().isEqualTo("hello");
        assertThat(HttpResponseReader.okBody(response("HTTP/1.0 200 OK\r\n\r\nhello"), 100)).asString().isEqualTo("hello");
    }

    @Test
    void okBodyWhenContentLengthAboveTheCapThenRefusedBeforeReadingTheBody() {
        InputStream answer = new SequenceInputStream(response("HTTP/1.1 200 OK\r\nContent-Length: 10485760\r\n\r\n"), UNTOUCHABLE);
        assertThatThrownBy(() -> HttpResponseReader.okBody(answer, 256 * 1024)).isInstanceOf(IOException.class).hasMessageContaining("larger");
    }

    @Test
    void okBodyWhenChunksOrUnboundedBodyExceedTheCapThenRefusedWithoutReadingFurther() {
        InputStream chunked = new SequenceInputStream(response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nabcd\r\n" + "100000\r\n"), UNTOUCHABLE);
        assertThatThrownBy(() -> HttpResponseReader.okBody(chunked, 1024)).isInstanceOf(IOException.class).hasMessageContaining("larger");
        InputStream unbounded = new SequenceInputStream(response("HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(1025)), UNTOUCHABLE);
        assertThatThrownBy(() -> HttpResponseReader.okBody(unbounded, 1024)).isInstanceOf(IOException.class).hasMessageContaining("larger");
    }

    @Test
    void okBodyWhenRedirectOrErrorOrMalformedThenRefused() {
        for (String answer : new String[] {"HTTP/1.1 302 Found\r\nLocation: https://169.254.169.254/\r\n\r\n",
                "HTTP/1.1 503 Service Unavailable\r\n\r\n", "SSH-2.0-OpenSSH\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
                "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(101) + "\r\n", "HTTP/1.1 200 " + "x".repeat(9000) + "\r\n\r\n"}) {
            assertThatThrownBy(() -> HttpResponseReader.okBody(response(answer), 1024)).as(answer).isInstanceOf(IOException.class);
        }
    }
}
