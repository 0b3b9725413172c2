package dev.mayfly.issuer.webidentity;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the HTTP/1.1 response to a GET, refusing all but 200 and any body longer than a cap. The cap is applied while
 * the body streams (a Content-Length above it is refused before any of the body is read), so a server sending without
 * end costs at most the cap. Redirects are answers like any other that is not 200: not followed (see
 * {@link ProviderHttpClient}).
 */
final class HttpResponseReader {

    private static final int MAX_LINE_BYTES = 8 * 1024;
    private static final int MAX_HEADERS = 100;

    private HttpResponseReader() {
    }

    /** @throws IOException when the response is not a 200 with a body of at most maxBytes */
    static byte[] okBody(InputStream in, int maxBytes) throws IOException {
        String[] status = line(in).split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response");
        }
        if (!status[1].equals("200")) {
            throw new IOException("answered HTTP " + status[1] + (status[1].startsWith("3") ? " (redirects are not followed)" : ""));
        }
        long contentLength = -1;
        boolean chunked = false;
        for (int count = 0; ; count++) {
            String header = line(in);
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || count == MAX_HEADERS) {
                throw new IOException("malformed response headers");
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                contentLength = number(value, 10);
            } else if (name.equals("transfer-encoding")) {
                if (!value.equalsIgnoreCase("chunked")) {
                    throw new IOException("unsupported transfer encoding " + value);
                }
                chunked = true;
            }
        }
        if (chunked) {
            return chunkedBody(in, maxBytes);
        }
        if (contentLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (contentLength >= 0) {
            return exactly(in, (int) contentLength);
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return body;
    }

    private static byte[] chunkedBody(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int extension = sizeLine.indexOf(';');
            long size = number((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16);
            if (size == 0) {
                // trailers are left unread: the connection is closed after this response
                return body.toByteArray();
            }
            if (body.size() + size > maxBytes) {
                throw tooLarge(maxBytes);
            }
            body.write(exactly(in, (int) size));
            if (!line(in).isEmpty()) {
                throw new IOException("malformed chunk");
            }
        }
    }

    private static long number(String text, int radix) throws IOException {
        if (text.isEmpty() || text.length() > 12) {
            throw new IOException("malformed length " + text);
        }
        try {
            long number = Long.parseLong(text, radix);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below, as a negative length is
        }
        throw new IOException("malformed length " + text);
    }

    private static byte[] exactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the response ended early");
        }
        return bytes;
    }

    /** One line without its CR LF, of at most MAX_LINE_BYTES. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("the response ended early");
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new IOException("a response line is too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static IOException tooLarge(int maxBytes) {
        return new IOException("the document is larger than " + maxBytes + " bytes");
    }
}
