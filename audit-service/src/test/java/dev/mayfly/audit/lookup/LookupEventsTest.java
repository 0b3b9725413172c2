package dev.mayfly.audit.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.audit.protocol.JsonOperation;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LookupEvents on the shared Elasticsearch node, with an audit index in place: lookup values the trail's fields cannot hold. */
class LookupEventsTest {

    private AuditElasticsearch elasticsearch;
    private ElasticsearchClient client;
    private String index;
    private JsonOperation lookupEvents;

    @BeforeEach
    void open() throws IOException {
        elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()));
        client = elasticsearch.client();
        AuditIndices indices = new AuditIndices(client, Period.MONTH);
        indices.installTemplate();
        // an index of its own, a month no other test writes, so that the search reaches the readOnly field's mapping
        index = indices.indexFor(Instant.parse("1971-03-01T00:00:00Z"));
        lookupEvents = LookupOperations.lookupEvents(client);
    }

    @AfterEach
    void close() throws IOException {
        client.indices().delete(d -> d.index(index));
        elasticsearch.close();
    }

    @Test
    void lookupWhenReadOnlyIsNeitherTrueNorFalseThenInvalidLookupAttributes() {
        for (String value : new String[] {"maybe", "TRUE ", "1", "yes"}) {
            assertThatThrownBy(() -> lookupEvents.handler().handle("123456789012", Json.mapper().readTree(
                    "{\"LookupAttributes\":[{\"AttributeKey\":\"ReadOnly\",\"AttributeValue\":\"" + value + "\"}]}")))
                    .as(value).isInstanceOfSatisfying(JsonProtocolException.class, refused -> {
                        assertThat(refused.httpStatus()).isEqualTo(400);
                        assertThat(refused.code()).isEqualTo("InvalidLookupAttributesException");
                    });
        }
    }
}
