package dev.mayfly.runtime.authz;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * One endpoint on several servers of the same service (MAYFLY_ISSUER_URL's comma-separated issuers), tried in turn when a
 * connection fails: a service that knows three issuers keeps its callers served when one dies. Each call starts with the
 * server that answered last, so a dead one costs a failed connection only until another answers. A server that answers,
 * whatever it answers, is not left for another: the others would answer the same. Nor is one whose certificate does not
 * verify: that is for the operator to mend, not to route around.
 */
final class FailoverEndpoints {

    /** One attempt at one server. */
    interface Attempt<T> {
        T at(URI endpoint) throws IOException, InterruptedException;
    }

    private final List<URI> endpoints;
    private final AtomicInteger answeredLast = new AtomicInteger();

    private FailoverEndpoints(List<URI> endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * @param baseUrls one base URL, or several separated by commas
     * @param path     the endpoint's path on each
     * @throws IllegalArgumentException when no URL is given
     */
    static FailoverEndpoints of(String baseUrls, String path) {
        List<URI> endpoints = Arrays.stream(baseUrls.split(",")).map(String::strip).filter(url -> !url.isEmpty())
                .map(url -> URI.create(url.replaceAll("/+$", "") + path)).toList();
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no URL in '" + baseUrls + "'");
        }
        return new FailoverEndpoints(endpoints);
    }

    List<URI> endpoints() {
        return endpoints;
    }

    /**
     * Makes the attempt at each server in turn, from the one that answered last, until one connects.
     *
     * @throws IOException the last server's failure when none could be reached, or a certificate that did not verify
     */
    <T> T call(Attempt<T> attempt) throws IOException, InterruptedException {
        int first = answeredLast.get();
        IOException failure = null;
        for (int tried = 0; tried < endpoints.size(); tried++) {
            int index = (first + tried) % endpoints.size();
            try {
                T answer = attempt.at(endpoints.get(index));
                answeredLast.set(index);
                return answer;
            } catch (SSLException e) {
                throw e;
            } catch (IOException e) {
                failure = e;
            }
        }
        throw failure;
    }

    @Override
    public String toString() {
        return endpoints.toString();
    }
}
