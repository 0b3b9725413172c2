package dev.mayfly.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.runtime.Settings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchElasticsearchTest {

    @Test
    void urlWhenDevModeOnAnotherPortThenSearchesThere() {
        assertThat(BenchElasticsearch.url(Settings.of(Map.of("MAYFLY_ELASTICSEARCH_PORT", "19200"))))
                .isEqualTo(URI.create("http://127.0.0.1:19200"));
    }

    @Test
    void urlWhenNothingSaidThenDevModesDefaultPort() {
        assertThat(BenchElasticsearch.url(Settings.of(Map.of()))).isEqualTo(URI.create("http://127.0.0.1:9200"));
    }

    @Test
    void urlWhenUrlGivenThenItsFirstHostWinsOverThePort() {
        URI url = BenchElasticsearch.url(Settings.of(Map.of("MAYFLY_ELASTICSEARCH_URL", "http://search-1:9200,http://search-2:9200",
                "MAYFLY_ELASTICSEARCH_PORT", "19200")));

        assertThat(url.getHost()).isEqualTo("search-1");
    }
}
