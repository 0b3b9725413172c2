package dev.mayfly.load;

import dev.mayfly.audit.AuditSettings;
import dev.mayfly.runtime.Settings;
import java.net.URI;

/**
 * The Elasticsearch the benches search: MAYFLY_ELASTICSEARCH_URL's first host when it is set, else dev mode's on this
 * machine, on MAYFLY_ELASTICSEARCH_PORT (9200) as ./mayfly dev takes it. Before, a bench beside a dev mode started on
 * other ports searched port 9200, found nothing there, and reported every record as never found.
 */
final class BenchElasticsearch {

    private BenchElasticsearch() {
    }

    static URI url(Settings settings) {
        if (settings.values().containsKey("MAYFLY_ELASTICSEARCH_URL")) {
            return AuditSettings.from(settings).elasticsearch().hosts().getFirst();
        }
        return URI.create("http://127.0.0.1:" + settings.integer("MAYFLY_ELASTICSEARCH_PORT", 9200));
    }
}
