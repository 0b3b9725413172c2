package dev.mayfly.audit.projection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The audit indices: one per month ({@code mayfly-cloudtrail-2026.11}), all shaped by one index template,
 * read through the pattern {@code mayfly-cloudtrail-*}. Retention deletes whole indices.
 *
 * <p>requestParameters and responseElements are free-form: they are kept in the record but not indexed
 * (dynamic mapping off), so no tenant's odd parameter names can explode or conflict with the mapping.
 */
public final class AuditIndices {

    public static final String PREFIX = "mayfly-cloudtrail-";
    public static final String PATTERN = PREFIX + "*";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);
    private static final String TEMPLATE = """
            {
              "index_patterns": ["mayfly-cloudtrail-*"],
              "template": {
                "settings": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "200ms"},
                "mappings": {
                  "dynamic": false,
                  "properties": {
                    "eventID": {"type": "keyword"},
                    "eventName": {"type": "keyword"},
                    "eventSource": {"type": "keyword"},
                    "eventTime": {"type": "date"},
                    "readOnly": {"type": "boolean"},
                    "errorCode": {"type": "keyword"},
                    "recipientAccountId": {"type": "keyword"},
                    "sourceIPAddress": {"type": "keyword"},
                    "awsRegion": {"type": "keyword"},
                    "userIdentity": {"properties": {
                      "type": {"type": "keyword"}, "arn": {"type": "keyword"}, "accountId": {"type": "keyword"},
                      "accessKeyId": {"type": "keyword"}, "principalId": {"type": "keyword"}, "userName": {"type": "keyword"}}},
                    "requestParameters": {"type": "object", "enabled": false},
                    "responseElements": {"type": "object", "enabled": false},
                    "mayflyLookup": {"properties": {
                      "username": {"type": "keyword"}, "eventTimeMillis": {"type": "long"},
                      "resourceNames": {"type": "keyword"}, "resourceTypes": {"type": "keyword"}}}
                  }
                }
              }
            }""";

    private final ElasticsearchClient client;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public AuditIndices(ElasticsearchClient client) {
        this.client = client;
    }

    /** Puts the index template (idempotent). */
    public void installTemplate() throws IOException {
        client.indices().putIndexTemplate(t -> t.name("mayfly-cloudtrail").withJson(new StringReader(TEMPLATE)));
    }

    /** The index a record of this time belongs to, created if it does not exist yet. */
    public String indexFor(Instant eventTime) throws IOException {
        String index = PREFIX + MONTH.format(eventTime);
        if (!known.contains(index)) {
            try {
                if (!client.indices().exists(e -> e.index(index)).value()) {
                    client.indices().create(c -> c.index(index));
                }
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
            known.add(index);
        }
        return index;
    }
}
