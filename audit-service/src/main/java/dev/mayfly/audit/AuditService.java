package dev.mayfly.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.mayfly.audit.lookup.LookupEventsEndpoint;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.projection.AuditProjector;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.HttpService;
import dev.mayfly.runtime.ServiceMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import dev.mayfly.runtime.audit.ApiCallSender;
import dev.mayfly.runtime.authz.RemoteAuthorizer;
import java.io.IOException;
import java.time.Clock;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CloudTrail for Mayfly: wiring and lifecycle. */
public final class AuditService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
    private final RestClient restClient;
    private final AuditProjector projector;
    private final ApiCallSender recorder;
    private final HttpService http;
    private final ServiceMetrics metrics;

    private AuditService(RestClient restClient, AuditProjector projector, ApiCallSender recorder, HttpService http,
                         ServiceMetrics metrics) {
        this.restClient = restClient;
        this.projector = projector;
        this.recorder = recorder;
        this.http = http;
        this.metrics = metrics;
    }

    public static AuditService start(AuditSettings settings) throws IOException {
        RestClient restClient = RestClient.builder(HttpHost.create(settings.elasticsearchUrl())).build();
        ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(restClient,
                new JacksonJsonpMapper(Json.configure(new com.fasterxml.jackson.databind.ObjectMapper()))));
        AuditIndices indices = new AuditIndices(client);
        indices.installTemplate();
        // created ahead of the first record, so that no search races the creation of the month's index
        indices.indexFor(java.time.Instant.now());
        // after a restart, existing indices recover for a moment: serve only once their primaries are back
        client.cluster().health(h -> h.waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("60s")));
        AuditProjector projector = AuditProjector.start(settings.kafkaBootstrap(), client, indices);
        ApiCallSender recorder = new ApiCallSender(settings.kafkaBootstrap(), "mayfly-audit");
        ServiceMetrics metrics = new ServiceMetrics("audit");
        FunctionCounter.builder("mayfly.audit.records.written", projector, AuditProjector::written)
                .description("CloudTrail records written to Elasticsearch").register(metrics.registry());
        Gauge.builder("mayfly.audit.projector.healthy", projector, p -> p.healthy() ? 1 : 0)
                .description("1 while writes to Elasticsearch succeed").register(metrics.registry());
        HttpService http = new HttpService("audit", settings.host(), settings.port(), projector::healthy, metrics)
                .route("/", new LookupEventsEndpoint(new RemoteAuthorizer(settings.issuerUrl()), client, recorder, metrics,
                        Clock.systemUTC()))
                .start();
        return new AuditService(restClient, projector, recorder, http, metrics);
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        try {
            projector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.close();
        try {
            restClient.close();
        } catch (IOException e) {
            LOG.warn("closing the Elasticsearch client failed", e);
        }
        metrics.close();
        LOG.info("audit stopped");
    }
}
