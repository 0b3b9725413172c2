package dev.mayfly.runtime;

import dev.mayfly.kafka.signed.RefusedRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;

/**
 * A service's metrics, served as Prometheus text at GET /metrics: the JVM's, and whatever the service
 * registers (request counts and latencies by action and outcome, feed lag, ...). Every metric carries the
 * tag service=NAME. Tags never hold unbounded values (no account ids, no ARNs).
 */
public final class ServiceMetrics implements AutoCloseable {

    /** The upper bounds of the request latency histogram's buckets (le), besides +Inf. */
    static final Duration[] LATENCY_BUCKETS = DoubleStream.of(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToObj(millis -> Duration.ofNanos(Math.round(millis * 1_000_000))).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServiceMetrics(String service) {
        registry.config().commonTags("service", service);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
        // every reason from the start, at 0: a series that appears only with its first refusal cannot be alerted on
        for (HttpRefusal reason : HttpRefusal.values()) {
            refusals(reason);
        }
    }

    /**
     * One API request: the Prometheus histogram mayfly_api_requests_seconds{action, outcome} (_bucket, _count, _sum),
     * where outcome is "OK" or the error code. Callers pass only known action names, so the tag stays bounded.
     *
     * <p>A histogram of fixed buckets rather than percentiles computed in the process: buckets add up across instances,
     * so histogram_quantile(0.99, sum by (le) (rate(..._bucket[5m]))) is the fleet's p99, where averaging each
     * instance's p99 is not. The buckets span a cached GetCallerIdentity (about a millisecond) to a call that waited on
     * Kafka's acknowledgement timeout (5 s).
     */
    public void recordRequest(String action, String outcome, long startNanos) {
        Timer.builder("mayfly.api.requests").tag("action", action).tag("outcome", outcome)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** One request turned away by the HTTP layer: mayfly_http_refusals_total{reason}. */
    void recordRefusal(HttpRefusal reason) {
        refusals(reason).increment();
    }

    private Counter refusals(HttpRefusal reason) {
        return Counter.builder("mayfly.http.refusals").tag("reason", reason.tag())
                .description("requests turned away by the HTTP layer's limits").register(registry);
    }

    /** The records of these topics the service's consumers refused (unsigned, forged, replayed): mayfly_feed_records_refused_total{topic}. */
    public void countRefused(RefusedRecords refused, String... topics) {
        for (String topic : topics) {
            FunctionCounter.builder("mayfly.feed.records.refused", refused, r -> r.count(topic)).tag("topic", topic)
                    .description("records of a signed feed refused: unsigned, not signed by a producer of the topic, or replayed")
                    .register(registry);
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
