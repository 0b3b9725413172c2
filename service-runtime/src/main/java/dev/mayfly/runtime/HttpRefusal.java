package dev.mayfly.runtime;

/** Why an {@link HttpService} turned a request away, as counted in mayfly_http_refusals_total{reason}. */
enum HttpRefusal {
    /** The connection was cut at the request time limit before the headers were all there ({@link RequestTasks}). */
    HEADERS_NOT_RECEIVED("headers_not_received"),
    /** The connection was lost while the handler read the body: cut at the request time limit, or left by the client. */
    BODY_NOT_RECEIVED("body_not_received"),
    /** 413: the body was larger than the handler takes. */
    BODY_TOO_LARGE("body_too_large"),
    /** 429: the source address already had its limit of requests being served. */
    TOO_MANY_REQUESTS_FROM_SOURCE("too_many_requests_from_source");

    private final String tag;

    HttpRefusal(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
