package dev.mayfly.audit.projection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit indices: one per period ({@code mayfly-cloudtrail-2026.11.30} by day, {@code mayfly-cloudtrail-2026.11} by
 * month), all shaped by one index template and read through the pattern {@code mayfly-cloudtrail-*}. Retention deletes
 * whole indices once everything in them is older than the retention period: no delete-by-query, no reindexing.
 *
 * <p>requestParameters and responseElements are free-form (every action has its own, tags are maps): they are
 * {@code flattened} fields, one mapping whatever their keys, so that they stay searchable by path
 * ({@code requestParameters.roleArn}) without a mapping explosion or a type conflict between two tenants' values.
 * Everything else is mapped explicitly and dynamic mapping is off.
 */
public final class AuditIndices {

    public static final String PREFIX = "mayfly-cloudtrail-";
    public static final String PATTERN = PREFIX + "*";
    /**
     * The operator's trail: calls no account can be held to (no credentials, an unknown key, garbage), and the summaries
     * of such calls beyond each source's limit. Same shape and retention as the tenants' indices; no tenant's API reads it.
     */
    public static final String OPERATOR_PREFIX = "mayfly-operator-trail-";
    public static final String OPERATOR_PATTERN = OPERATOR_PREFIX + "*";
    private static final Logger LOG = LoggerFactory.getLogger(AuditIndices.class);
    private static final String TEMPLATE = """
            {
              "index_patterns": ["mayfly-cloudtrail-*", "mayfly-operator-trail-*"],
              "priority": 100,
              "template": {
                "settings": {"number_of_shards": %d, "number_of_replicas": %d, "refresh_interval": "200ms"},
                "mappings": {
                  "dynamic": false,
                  "properties": {
                    "eventVersion": {"type": "keyword"},
                    "eventID": {"type": "keyword"},
                    "eventName": {"type": "keyword"},
                    "eventSource": {"type": "keyword"},
                    "eventTime": {"type": "date"},
                    "eventType": {"type": "keyword"},
                    "eventCategory": {"type": "keyword"},
                    "managementEvent": {"type": "boolean"},
                    "readOnly": {"type": "boolean"},
                    "errorCode": {"type": "keyword"},
                    "errorMessage": {"type": "text"},
                    "recipientAccountId": {"type": "keyword"},
                    "sharedEventID": {"type": "keyword"},
                    "requestID": {"type": "keyword"},
                    "sourceIPAddress": {"type": "keyword"},
                    "userAgent": {"type": "keyword", "ignore_above": 1024},
                    "awsRegion": {"type": "keyword"},
                    "userIdentity": {"properties": {
                      "type": {"type": "keyword"}, "arn": {"type": "keyword"}, "accountId": {"type": "keyword"},
                      "accessKeyId": {"type": "keyword"}, "principalId": {"type": "keyword"}, "userName": {"type": "keyword"},
                      "identityProvider": {"type": "keyword"},
                      "sessionContext": {"properties": {
                        "sourceIdentity": {"type": "keyword"},
                        "sessionIssuer": {"properties": {"type": {"type": "keyword"}, "arn": {"type": "keyword"},
                          "principalId": {"type": "keyword"}, "accountId": {"type": "keyword"}, "userName": {"type": "keyword"}}},
                        "webIdFederationData": {"properties": {"federatedProvider": {"type": "keyword"}}},
                        "attributes": {"properties": {"creationDate": {"type": "date"}, "mfaAuthenticated": {"type": "keyword"}}}}}}},
                    "resources": {"properties": {"ARN": {"type": "keyword"}, "accountId": {"type": "keyword"}, "type": {"type": "keyword"}}},
                    "tlsDetails": {"properties": {"tlsVersion": {"type": "keyword"}, "cipherSuite": {"type": "keyword"},
                      "clientProvidedHostHeader": {"type": "keyword"}}},
                    "requestParameters": {"type": "flattened", "ignore_above": 1024, "depth_limit": 10},
                    "responseElements": {"type": "flattened", "ignore_above": 1024, "depth_limit": 10},
                    "additionalEventData": {"type": "flattened", "ignore_above": 1024, "depth_limit": 10},
                    "@timestamp": {"type": "date"},
                    "ecs": {"properties": {"version": {"type": "keyword"}}},
                    "event": {"properties": {"id": {"type": "keyword"}, "action": {"type": "keyword"}, "provider": {"type": "keyword"},
                      "outcome": {"type": "keyword"}, "kind": {"type": "keyword"}, "type": {"type": "keyword"},
                      "module": {"type": "keyword"}, "dataset": {"type": "keyword"},
                      "ingested": {"type": "date"}}},
                    "user": {"properties": {"name": {"type": "keyword"}, "id": {"type": "keyword"}}},
                    "source": {"properties": {"ip": {"type": "ip", "ignore_malformed": true}, "address": {"type": "keyword"}}},
                    "cloud": {"properties": {"provider": {"type": "keyword"}, "region": {"type": "keyword"},
                      "account": {"properties": {"id": {"type": "keyword"}}}}},
                    "user_agent": {"properties": {"original": {"type": "keyword", "ignore_above": 1024}}},
                    "trace": {"properties": {"id": {"type": "keyword"}}},
                    "aws": {"properties": {"cloudtrail": {"properties": {
                      "user_identity": {"properties": {"type": {"type": "keyword"}, "arn": {"type": "keyword"},
                        "access_key_id": {"type": "keyword"}}},
                      "error_code": {"type": "keyword"}, "error_message": {"type": "text"},
                      "recipient_account_id": {"type": "keyword"}, "shared_event_id": {"type": "keyword"},
                      "event_type": {"type": "keyword"}, "event_category": {"type": "keyword"}}}}},
                    "mayflyLookup": {"properties": {
                      "username": {"type": "keyword"}, "eventTimeMillis": {"type": "long"},
                      "resourceNames": {"type": "keyword"}, "resourceTypes": {"type": "keyword"}}}
                  }
                }
              }
            }""";

    /** How much time one index covers. */
    public enum Period {
        DAY(DateTimeFormatter.ofPattern("yyyy.MM.dd")),
        MONTH(DateTimeFormatter.ofPattern("yyyy.MM"));

        private final DateTimeFormatter format;

        Period(DateTimeFormatter format) {
            this.format = format.withZone(ZoneOffset.UTC);
        }

        public static Period parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("MAYFLY_AUDIT_INDEX_PERIOD must be day or month, not '" + name + "'.");
            }
        }

        String suffix(Instant time) {
            return format.format(time);
        }
    }

    /**
     * How each index of the trails is split and copied, as the template gives it to the indices created after it is put:
     * an index keeps its number of shards for life, and its replicas until an operator changes them on the index.
     *
     * @param primaries MAYFLY_AUDIT_INDEX_SHARDS (1): primary shards per index; more spread one period's writes and searches
     *                  over more nodes, each one a cost of its own for a small index
     * @param replicas  MAYFLY_AUDIT_INDEX_REPLICAS (0, the single node of ./mayfly dev, where a replica could never be
     *                  placed): copies of each shard, on other nodes; 1 or more on a cluster, so that losing a node loses no
     *                  record. The digests' and the set-aside records' indices get as many (each has one shard).
     */
    public record Shards(int primaries, int replicas) {

        public static final Shards SINGLE_NODE = new Shards(1, 0);

        public Shards {
            if (primaries < 1) {
                throw new IllegalArgumentException("MAYFLY_AUDIT_INDEX_SHARDS must be at least 1, not " + primaries);
            }
            if (replicas < 0) {
                throw new IllegalArgumentException("MAYFLY_AUDIT_INDEX_REPLICAS must not be negative, not " + replicas);
            }
        }
    }

    private final ElasticsearchClient client;
    private final Period period;
    private final Shards shards;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** Indices of one shard and no replica: {@link Shards#SINGLE_NODE}. */
    public AuditIndices(ElasticsearchClient client, Period period) {
        this(client, period, Shards.SINGLE_NODE);
    }

    public AuditIndices(ElasticsearchClient client, Period period, Shards shards) {
        this.client = client;
        this.period = period;
        this.shards = shards;
    }

    /** Puts the index template, with these indices' shards (idempotent). */
    public void installTemplate() throws IOException {
        String template = TEMPLATE.formatted(shards.primaries(), shards.replicas());
        client.indices().putIndexTemplate(t -> t.name("mayfly-cloudtrail").withJson(new StringReader(template)));
    }

    /** The index of the tenants' trail a record of this time belongs to, created if it does not exist yet. */
    public String indexFor(Instant eventTime) throws IOException {
        return index(PREFIX + period.suffix(eventTime));
    }

    /** The index a record belongs to: its account's trail, or the operator's when no account can be held to it. */
    public String indexFor(String recipientAccountId, Instant eventTime) throws IOException {
        return recipientAccountId == null ? index(OPERATOR_PREFIX + period.suffix(eventTime)) : indexFor(eventTime);
    }

    private String index(String index) throws IOException {
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

    /**
     * Deletes every audit index whose whole period ended before {@code now - retention}.
     *
     * @return the indices deleted
     */
    public List<String> deleteExpired(Instant now, Duration retention) throws IOException {
        Instant horizon = now.minus(retention);
        List<String> deleted = new ArrayList<>();
        for (String index : client.indices().get(g -> g.index(PATTERN, OPERATOR_PATTERN).allowNoIndices(true)).result().keySet()) {
            Optional<Instant> end = periodEnd(index);
            if (end.isPresent() && !end.get().isAfter(horizon)) {
                client.indices().delete(d -> d.index(index));
                known.remove(index);
                deleted.add(index);
                LOG.info("audit index {} deleted: its records are older than the retention of {} days", index, retention.toDays());
            }
        }
        return deleted;
    }

    /** When the period of an index (by day or by month, whatever the current setting) ends; empty for a foreign name. */
    static Optional<Instant> periodEnd(String index) {
        String suffix = index.substring(index.startsWith(OPERATOR_PREFIX) ? OPERATOR_PREFIX.length() : PREFIX.length());
        try {
            if (suffix.length() == 10) {
                return Optional.of(LocalDate.parse(suffix, Period.DAY.format).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (suffix.length() == 7) {
                return Optional.of(YearMonth.parse(suffix, Period.MONTH.format).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
        } catch (DateTimeParseException e) {
            // not one of ours
        }
        return Optional.empty();
    }
}
