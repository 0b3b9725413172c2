package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * MAYFLY_LOG_FORMAT=json: the logging configuration of ./mayfly dev and the tests (mayfly-log4j2-embedded.xml, as
 * service-runtime's log4j2.xml) writes ECS JSON lines (JsonTemplateLayout, EcsLayout.json), with the
 * trace id of the request being handled, and no secret of the calls that pass through. The test selects the JSON layout
 * with the system property that log4j2.xml reads beside the variable (a test cannot set its own environment), for the
 * platform this JVM shares, and puts the text layout back afterwards.
 */
class JsonLogsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void logsWhenJsonIsAskedThenEcsLinesWithTheTraceIdAndNoSecretOfTheCallsMade() throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        StringWriter captured = new StringWriter();
        System.setProperty("mayfly.log.format", "json");
        List<String> secrets = new ArrayList<>();
        String accountId;
        try {
            context.reconfigure();
            Configuration configuration = context.getConfiguration();
            Layout<?> layout = configuration.getAppender("console").getLayout();
            assertThat(layout.getClass().getSimpleName()).as("the layout of %s", configuration.getConfigurationSource())
                    .isEqualTo("JsonTemplateLayout");
            WriterAppender capture = WriterAppender.newBuilder().setName("capture").setTarget(captured).setLayout(layout).build();
            capture.start();
            configuration.addAppender(capture);
            configuration.getRootLogger().addAppender(capture, null, null);
            context.updateLoggers();

            // the issuer logs the account it creates, in the call's trace; the answer holds the root's secret key
            JsonNode account = createAccount("json-logs");
            accountId = account.path("AccountId").asText();
            secrets.add(account.path("SecretAccessKey").asText());
            Credentials session = sts(AwsBasicCredentials.create(account.path("AccessKeyId").asText(), secrets.getFirst()))
                    .getSessionToken().credentials();
            secrets.add(session.secretAccessKey());
            secrets.add(session.sessionToken());
            sts(AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())).getCallerIdentity();
            assertThatThrownBy(() -> sts(AwsSessionCredentials.create(session.accessKeyId(), "not" + session.secretAccessKey(),
                    session.sessionToken() + "x")).getCallerIdentity()).isInstanceOf(StsException.class);
        } finally {
            System.clearProperty("mayfly.log.format");
            context.reconfigure();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString().lines().toList()) {
            lines.add(Json.mapper().readTree(line));
        }
        assertThat(lines).allSatisfy(line -> assertThat(line.has("@timestamp") && line.has("ecs.version") && line.has("log.level")
                && line.has("log.logger") && line.has("message")).as("an ECS line: %s", line).isTrue());
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("message").asText()).contains("created account " + accountId);
            assertThat(line.path("trace.id").asText()).isEqualTo(TRACE_ID);
        });
        assertThat(secrets).allSatisfy(secret -> assertThat(captured.toString()).doesNotContain(secret));
    }

    /** The operator's CreateAccount on the issuer's management listener, in a trace of the operator's. */
    private static JsonNode createAccount(String name) throws Exception {
        String token = Files.readString(Platform.get().tokenKeysFile.resolveSibling("admin-token")).strip();
        URI management = URI.create(Platform.get().managementUrls().get("MAYFLY_ISSUER_MANAGEMENT_URL") + "/mayfly/admin/accounts");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(management).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"" + name + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return Json.mapper().readTree(created.body());
    }
}
