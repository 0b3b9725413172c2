package dev.mayfly.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

    @Test
    void kafkaWhenStartedThenTopicsCanBeCreated() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(Set.of(new NewTopic("probe", 1, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains("probe");
        }
    }

    @Test
    void postgresWhenStartedThenAnswersQueries() throws Exception {
        String url = SharedInfrastructure.postgres().database("probe");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             ResultSet rs = connection.createStatement().executeQuery("SHOW server_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("17.");
        }
    }

    @Test
    void elasticsearchWhenStartedThenServesHttp() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(SharedInfrastructure.elasticsearch().httpUrl() + "/_cluster/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"cluster_name\":\"mayfly\"");
    }

    @Test
    void elasticsearchWhenStartedThenParentBreakerCountsOnlyWhatElasticsearchHolds() throws Exception {
        HttpResponse<String> settings = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SharedInfrastructure.elasticsearch().httpUrl()
                + "/_nodes/settings?filter_path=**.indices.breaker.total.use_real_memory")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(settings.body()).contains("\"use_real_memory\":\"false\"");
    }
}
