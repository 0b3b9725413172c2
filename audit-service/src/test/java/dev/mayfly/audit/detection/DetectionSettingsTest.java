package dev.mayfly.audit.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.net.AddressPolicy;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An account's settings: what it asks for, as stored and answered, the webhook's secret kept but never answered again. */
class DetectionSettingsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final DetectionSettings NONE = DetectionSettings.none("111111111111");
    private static final WebhookSecrets SECRETS = WebhookSecretsTest.underKeyEncryptionKey();

    private static DetectionSettings put(String json, DetectionSettings previous, AddressPolicy addresses) throws IOException {
        return DetectionSettings.from("111111111111", Json.mapper().readTree(json), NOW, previous, addresses);
    }

    @Test
    void fromWhenStoredAndReadBackThenTheSameSettingsAndTheSecretOnlyInTheDocument() throws IOException {
        DetectionSettings settings = put("""
                {"Detections":[{"Name":"FailedAssumeRoleBursts","Threshold":3,"WindowSeconds":30,"Response":"Revoke"}],
                 "Webhook":{"Url":"https://hooks.example.com/mayfly"}}""", NONE, AddressPolicy.publicOnly());

        JsonNode document = settings.toDocument(SECRETS);
        DetectionSettings read = DetectionSettings.fromDocument(document, SECRETS);

        assertThat(read).isEqualTo(settings);
        assertThat(read.of(Detection.FAILED_ASSUME_ROLE_BURSTS).threshold()).isEqualTo(3);
        assertThat(read.of(Detection.ROOT_USAGE).enabled()).isFalse();
        assertThat(settings.toJson().path("Webhook").has("Secret")).isFalse();
        assertThat(document.toString()).as("stored sealed").doesNotContain(settings.webhook().secret().substring("whsec_".length()));
        assertThat(settings.toJson().toString()).doesNotContain(settings.webhook().secret());
        assertThat(settings.webhook().toString()).doesNotContain(settings.webhook().secret());
    }

    @Test
    void fromWhenWebhookPutAgainThenSecretKeptUnlessRotated() throws IOException {
        String request = "{\"Detections\":[],\"Webhook\":{\"Url\":\"https://hooks.example.com/\"}}";
        DetectionSettings first = put(request, NONE, AddressPolicy.publicOnly());

        DetectionSettings again = put(request, first, AddressPolicy.publicOnly());
        DetectionSettings rotated = put(request.replace("}}", ",\"RotateSecret\":true}}"), first, AddressPolicy.publicOnly());

        assertThat(again.webhook().secret()).isEqualTo(first.webhook().secret());
        assertThat(rotated.webhook().secret()).isNotEqualTo(first.webhook().secret()).startsWith("whsec_");
    }

    @Test
    void fromWhenWebhookNamesAPrivateAddressThenRefusedUnlessTheOperatorAllowsIt() throws IOException {
        for (String url : new String[] {"http://169.254.169.254/latest/meta-data", "http://127.0.0.1:8071/metrics", "http://[::1]/",
                "http://10.0.0.1/", "http://0.0.0.0/"}) {
            String request = "{\"Detections\":[],\"Webhook\":{\"Url\":\"" + url + "\"}}";
            assertThatThrownBy(() -> put(request, NONE, AddressPolicy.publicOnly())).as(url).isInstanceOf(JsonProtocolException.class)
                    .hasMessageContaining("not public");
        }
        JsonNode answer = put("{\"Detections\":[],\"Webhook\":{\"Url\":\"http://10.0.0.1/\"}}", NONE, AddressPolicy.parse("10.0.0.0/8")).toJson();
        assertThat(answer.path("Webhook").path("Url").asText()).isEqualTo("http://10.0.0.1/");
    }

    @Test
    void recordedWhenTheWebhookIsMisspelledOrNoObjectThenWhereItPointsIsNotKept() throws IOException {
        for (String request : new String[] {
                "{\"Webhook\":{\"Url\":\"https://hooks.example.com/T/token-1\",\"RotateSecret\":true}}",
                "{\"Webhook\":{\"url\":\"https://hooks.example.com/T/token-1\"}}",
                "{\"Webhook\":{\"Url\":\"x\",\"URL\":\"https://hooks.example.com/T/token-1\"}}",
                "{\"Webhook\":\"https://hooks.example.com/T/token-1\"}",
                "{\"Webhook\":[\"https://hooks.example.com/T/token-1\"]}",
                "{\"webhook\":{\"Url\":\"https://hooks.example.com/T/token-1\"}}"}) {
            JsonNode recorded = DetectionSettings.recorded(Json.mapper().readTree(request));

            assertThat(recorded.toString()).as(request).doesNotContain("token-1").contains("HIDDEN_DUE_TO_SECURITY_REASONS");
        }
        JsonNode rotation = DetectionSettings.recorded(Json.mapper().readTree(
                "{\"Detections\":[],\"Webhook\":{\"Url\":\"https://hooks.example.com/T/token-1\",\"RotateSecret\":true}}"));
        assertThat(rotation.path("Webhook").path("RotateSecret").asBoolean()).as("what the call asked, without where").isTrue();
        assertThat(rotation.path("Detections").isArray()).isTrue();
    }
}
