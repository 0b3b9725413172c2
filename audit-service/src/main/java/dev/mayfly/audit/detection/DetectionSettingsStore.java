package dev.mayfly.audit.detection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each account's detection settings, index {@value #INDEX}, one document per account under its id. The detections read
 * them through a cache that each process refreshes after {@link #FRESH_FOR}, so that settings put through any audit
 * process take effect everywhere within seconds, at one multi-get per batch for the accounts not cached.
 */
public final class DetectionSettingsStore {

    public static final String INDEX = "mayfly-detection-settings";
    static final Duration FRESH_FOR = Duration.ofSeconds(2);
    /** Beyond this many cached accounts the cache starts over: memory bounded whatever the number of accounts. */
    private static final int MAX_CACHED = 10_000;
    private static final String MAPPING = """
            {"settings": {"number_of_shards": 1, "number_of_replicas": %d},
             "mappings": {"dynamic": false, "properties": {"AccountId": {"type": "keyword"}, "UpdatedAt": {"type": "date"}}}}""";

    private final ElasticsearchClient client;
    private final WebhookSecrets secrets;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(DetectionSettings settings, Instant loadedAt) {
    }

    public DetectionSettingsStore(ElasticsearchClient client, WebhookSecrets secrets, Clock clock) {
        this.client = client;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Creates the index unless it exists. */
    public DetectionSettingsStore install(int replicas) throws IOException {
        Indices.create(client, INDEX, MAPPING.formatted(replicas));
        return this;
    }

    /** Stores an account's settings, searchable at once, and takes them into this process's cache. */
    public void put(DetectionSettings settings) throws IOException {
        client.index(i -> i.index(INDEX).id(settings.accountId()).document(settings.toDocument(secrets)).refresh(Refresh.WaitFor));
        cache.put(settings.accountId(), new Cached(settings, clock.instant()));
    }

    /** An account's settings, as stored now. */
    public DetectionSettings get(String accountId) throws IOException {
        return current(List.of(accountId)).get(accountId);
    }

    /** The settings of these accounts, from the cache while fresh, else read in one request. */
    public Map<String, DetectionSettings> current(Collection<String> accountIds) throws IOException {
        Instant now = clock.instant();
        Map<String, DetectionSettings> settings = new HashMap<>();
        List<String> stale = accountIds.stream().distinct().filter(account -> {
            Cached cached = cache.get(account);
            if (cached != null && cached.loadedAt().plus(FRESH_FOR).isAfter(now)) {
                settings.put(account, cached.settings());
                return false;
            }
            return true;
        }).toList();
        if (stale.isEmpty()) {
            return settings;
        }
        MgetResponse<ObjectNode> found;
        try {
            found = client.mget(m -> m.index(INDEX).ids(stale), ObjectNode.class);
        } catch (ElasticsearchException e) {
            if (!"index_not_found_exception".equals(e.error().type())) {
                throw e;
            }
            found = null;
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        for (String account : stale) {
            settings.put(account, DetectionSettings.none(account));
        }
        if (found != null) {
            found.docs().forEach(doc -> {
                if (doc.isResult() && doc.result().found() && doc.result().source() != null) {
                    settings.put(doc.result().id(), DetectionSettings.fromDocument(doc.result().source(), secrets));
                }
            });
        }
        stale.forEach(account -> cache.put(account, new Cached(settings.get(account), now)));
        return settings;
    }
}
