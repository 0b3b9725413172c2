package dev.mayfly.audit.detection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.mayfly.audit.projection.AuditDocument;
import dev.mayfly.audit.projection.AuditIndices;
import java.io.IOException;
import java.time.Instant;

/**
 * Whether a principal assumed a role from an address before an instant, as the account's trail says: what makes an
 * address new survives a restart, since it is read from the records and not from memory.
 */
public final class PriorAssumptions {

    private final ElasticsearchClient client;

    PriorAssumptions(ElasticsearchClient client) {
        this.client = client;
    }

    /** @param before the call's time: records of the same second or later do not count */
    boolean seen(String accountId, String principalId, String sourceIp, Instant before) throws IOException {
        long beforeSecond = before.getEpochSecond() * 1000;
        SearchResponse<Void> response = client.search(s -> s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true)
                .size(0).trackTotalHits(t -> t.count(1))
                .query(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("recipientAccountId").value(accountId)))
                        .filter(f -> f.prefix(p -> p.field("eventName").value("AssumeRole")))
                        .filter(f -> f.term(t -> t.field("user.id").value(principalId)))
                        .filter(f -> f.term(t -> t.field("sourceIPAddress").value(sourceIp)))
                        .filter(f -> f.range(r -> r.number(n -> n.field(AuditDocument.LOOKUP + ".eventTimeMillis").lt((double) beforeSecond))))
                        .mustNot(n -> n.exists(e -> e.field("errorCode"))))), Void.class);
        return response.hits().total() != null && response.hits().total().value() > 0;
    }
}
