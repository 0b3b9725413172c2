package dev.mayfly.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditDocumentTest {

    private static final String A = "111111111111";

    private static Map<String, Object> record(String errorCode) {
        return CloudTrailRecord.of(new ApiCallRecorded("e-1", Instant.parse("2026-12-01T10:15:30.250Z"), "sts.amazonaws.com", "AssumeRole",
                "eu-west-1", "192.0.2.7", "aws-cli/2.17", "req-1",
                new UserIdentity("IAMUser", "AIDAALICE", "arn:aws:iam::" + A + ":user/alice", A, "AKIAALICE", "alice", null),
                Map.of("roleArn", "arn:aws:iam::" + A + ":role/r"), null, errorCode, errorCode == null ? null : "denied", List.of(), false, A))
                .getFirst();
    }

    @Test
    @SuppressWarnings("unchecked")
    void ofThenEcsFieldsBesideTheRecord() {
        Map<String, Object> document = AuditDocument.of(record("AccessDenied"), Instant.parse("2026-12-01T10:15:30.900Z"));

        assertThat(document).containsEntry("@timestamp", "2026-12-01T10:15:30Z");
        assertThat((Map<String, Object>) document.get("event")).containsEntry("action", "AssumeRole").containsEntry("outcome", "failure")
                .containsEntry("provider", "sts.amazonaws.com").containsEntry("dataset", "aws.cloudtrail")
                .containsEntry("ingested", "2026-12-01T10:15:30.900Z");
        assertThat((Map<String, Object>) document.get("user")).containsEntry("name", "alice").containsEntry("id", "AIDAALICE");
        assertThat((Map<String, Object>) document.get("source")).containsEntry("ip", "192.0.2.7");
        assertThat((Map<String, Object>) document.get("cloud")).containsEntry("region", "eu-west-1").containsEntry("account", Map.of("id", A));
        assertThat((Map<String, Object>) document.get("user_agent")).containsEntry("original", "aws-cli/2.17");
        assertThat(document).containsEntry("eventName", "AssumeRole").containsEntry("errorCode", "AccessDenied");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ofWhenAcceptedThenOutcomeSuccess() {
        assertThat((Map<String, Object>) AuditDocument.of(record(null), Instant.now()).get("event")).containsEntry("outcome", "success");
    }

    @Test
    void recordThenTheCloudTrailRecordExactly() {
        Map<String, Object> record = record(null);

        assertThat(AuditDocument.record((ObjectNode) Json.mapper().valueToTree(AuditDocument.of(record, Instant.now()))))
                .isEqualTo(Json.mapper().valueToTree(record));
    }

    @Test
    void periodEndWhenDayOrMonthIndexThenItsEnd() {
        assertThat(AuditIndices.periodEnd("mayfly-cloudtrail-2026.11.30")).contains(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(AuditIndices.periodEnd("mayfly-cloudtrail-2026.12")).contains(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(AuditIndices.periodEnd("mayfly-cloudtrail-other")).isEmpty();
        assertThat(Duration.between(Instant.parse("2026-11-30T00:00:00Z"), AuditIndices.periodEnd("mayfly-cloudtrail-2026.11.30").orElseThrow()))
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void ofWhenTheCallWasTracedThenEcsTraceIdAndTheRecordReadBackIsCloudTrailsAlone() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Map<String, Object> traced = CloudTrailRecord.of(new ApiCallRecorded("e-2", Instant.parse("2026-12-01T10:15:30.250Z"),
                "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.7", "aws-cli/2.17", "req-2", null, Map.of(), null, null, null,
                List.of(), true, A, null, null, traceId)).getFirst();

        Map<String, Object> document = AuditDocument.of(traced, Instant.parse("2026-12-01T10:15:30.900Z"));

        assertThat((Map<String, Object>) document.get("trace")).containsEntry("id", traceId);
        ObjectNode readBack = AuditDocument.record(Json.mapper().valueToTree(document));
        assertThat(readBack.has("trace")).isFalse();
        assertThat(readBack.path("additionalEventData").path("traceId").asText()).isEqualTo(traceId);
        assertThat(AuditDocument.of(record(null), Instant.now())).doesNotContainKey("trace");
    }
}
