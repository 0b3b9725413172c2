package dev.mayfly.audit.integrity;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.elasticsearch.client.ResponseException;

/**
 * Whether a conditional write failed because the document was not the version it was conditional on (HTTP 409): the
 * client reports it as an ElasticsearchException or, for a write, as the REST client's ResponseException.
 */
final class VersionConflicts {

    private static final int CONFLICT = 409;

    private VersionConflicts() {
    }

    static boolean is(Exception e) {
        return e instanceof ElasticsearchException elasticsearch && elasticsearch.status() == CONFLICT
                || e instanceof ResponseException response && response.getResponse().getStatusLine().getStatusCode() == CONFLICT;
    }
}
