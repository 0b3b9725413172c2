package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Request latencies as a Prometheus histogram, whose buckets add up across instances. */
class ServiceMetricsTest {

    @Test
    void recordRequestWhenScrapedThenAHistogramWithFixedBucketsByActionAndOutcome() {
        try (ServiceMetrics metrics = new ServiceMetrics("test")) {
            metrics.recordRequest("AssumeRole", "OK", System.nanoTime());

            String scraped = metrics.scrape();

            assertThat(scraped).contains("# TYPE mayfly_api_requests_seconds histogram")
                    .contains("mayfly_api_requests_seconds_bucket{action=\"AssumeRole\",outcome=\"OK\",service=\"test\",le=\"0.001\"}")
                    .contains("mayfly_api_requests_seconds_bucket{action=\"AssumeRole\",outcome=\"OK\",service=\"test\",le=\"10.0\"} 1")
                    .contains("mayfly_api_requests_seconds_bucket{action=\"AssumeRole\",outcome=\"OK\",service=\"test\",le=\"+Inf\"} 1")
                    .contains("mayfly_api_requests_seconds_count{action=\"AssumeRole\",outcome=\"OK\",service=\"test\"} 1");
            assertThat(scraped.lines().filter(line -> line.startsWith("mayfly_api_requests_seconds_bucket"))).hasSize(14);
        }
    }
}
