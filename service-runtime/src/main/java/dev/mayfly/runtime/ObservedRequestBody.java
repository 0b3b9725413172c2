package dev.mayfly.runtime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that remembers whether reading it failed: the connection was lost before the body was all there, because
 * the client left or because the server cut it at the request time limit. Whatever goes wrong in the handler after that is
 * the client's doing, not a fault of the service.
 */
final class ObservedRequestBody extends FilterInputStream {

    private volatile boolean lost;

    ObservedRequestBody(InputStream body) {
        super(body);
    }

    boolean lost() {
        return lost;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            lost = true;
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            lost = true;
            throw e;
        }
    }

    /** Closing reads what the handler left of the body, to keep the connection for the next request. */
    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (IOException e) {
            lost = true;
            throw e;
        }
    }
}
