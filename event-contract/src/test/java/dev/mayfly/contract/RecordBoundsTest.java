package dev.mayfly.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an API-call record may hold, whatever a caller sent or a producer built. */
class RecordBoundsTest {

    private static ApiCallRecorded call(Map<String, Object> requestParameters) {
        return new ApiCallRecorded("e1", Instant.parse("2026-12-06T10:00:00Z"), "sts.amazonaws.com", "GetCallerIdentity",
                "us-east-1", "127.0.0.1", "agent", "r1", null, requestParameters, null, null, null, List.of(), true, null);
    }

    @Test
    void textWhenControlCharactersAndLoneSurrogatesThenReplaced() {
        assertThat(RecordBounds.text("a\u0000b\u0007c\u0085d\uD800e", 100)).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
    }

    @Test
    void textWhenTabsNewlinesAndSurrogatePairsThenKept() {
        String policy = "{\n\t\"Sid\": \"\uD83D\uDE00\"\r\n}";

        assertThat(RecordBounds.text(policy, 100)).isSameAs(policy);
    }

    @Test
    void textWhenLongerThanLimitThenCutWithoutSplittingAPair() {
        assertThat(RecordBounds.text("ab\uD83D\uDE00", 3)).isEqualTo("ab");
        assertThat(RecordBounds.text("x".repeat(300), 256)).hasSize(256);
    }

    @Test
    void constructorWhenNamesAreNotPlainIdentifiersThenDroppedAndCounted() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("a\u0000", "1");
        parameters.put("", "2");
        parameters.put("9lives", "3");
        parameters.put("x".repeat(65), "4");
        parameters.put("roleArn", "arn:aws:iam::000000000001:role/ci");

        ApiCallRecorded call = call(parameters);

        assertThat(call.requestParameters()).containsExactly(Map.entry("roleArn", "arn:aws:iam::000000000001:role/ci"));
        assertThat(call.additionalEventData()).containsEntry(RecordBounds.DROPPED_NAMES, 4);
    }

    @Test
    void constructorWhenNestedDeeperThanTheLimitThenTheDeepPartIsDropped() {
        Map<String, Object> deep = Map.of("leaf", "x");
        for (int i = 0; i < 50; i++) {
            deep = Map.of("n", deep);
        }

        ApiCallRecorded call = call(Map.of("body", deep));

        assertThat(Json.mapper().valueToTree(call.requestParameters()).toString()).hasSizeLessThan(100);
        assertThat(call.additionalEventData()).containsKey(RecordBounds.DROPPED_MEMBERS);
    }

    @Test
    void constructorWhenTooManyMembersThenTheFirstHundredKept() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 1_000; i++) {
            many.put("p" + i, List.of(i));
        }

        ApiCallRecorded call = call(many);

        assertThat(call.requestParameters()).hasSize(RecordBounds.MAX_MEMBERS).containsKey("p0").doesNotContainKey("p100");
        assertThat(call.additionalEventData()).containsEntry(RecordBounds.DROPPED_MEMBERS, 900);
    }

    @Test
    void constructorWhenParametersLargerThanTheRecordLimitThenNoneKept() {
        Map<String, Object> large = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            large.put("policy" + i, "x".repeat(10_000));
        }

        ApiCallRecorded call = call(large);

        assertThat(call.requestParameters()).isNull();
        assertThat(call.additionalEventData()).containsEntry(RecordBounds.OMITTED, true);
    }

    @Test
    void constructorWhenIdentityAndFieldsHoldControlCharactersThenEveryTextIsPlain() {
        ApiCallRecorded call = new ApiCallRecorded("e1", Instant.parse("2026-12-06T10:00:00Z"), "sts.amazonaws.com",
                "Get\u0000Caller", "us-east-1", "127.0.0.1", "agent\u001b[31m",
                "r1", new UserIdentity("IAMUser", "AIDA\u0000", "arn:aws:iam::000000000001:user/a\u0000", "000000000001",
                "AKIA\u0000" + "X".repeat(10_000), "a", null), null, null, "Code\u0000", "message\u0000", List.of(), true, "000000000001");

        String json = Json.mapper().valueToTree(call).toString();

        assertThat(json).doesNotContain("\\u0000").doesNotContain("\\u001b").hasSizeLessThan(2_000);
    }

    @Test
    void constructorWhenRecordReadBackFromJsonThenBoundedAgainAndUnchanged() throws Exception {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("bad\u0000", "1");
        parameters.put("durationSeconds", 1200);
        ApiCallRecorded bounded = call(parameters);

        ApiCallRecorded readBack = Json.mapper().readValue(Json.mapper().writeValueAsBytes(bounded), ApiCallRecorded.class);

        assertThat(readBack).isEqualTo(bounded);
        assertThat(readBack.additionalEventData()).containsEntry(RecordBounds.DROPPED_NAMES, 1);
    }

    @Test
    void constructorWhenForgedJsonHoldsUnboundedParametersThenTheReadRecordIsBounded() throws Exception {
        String forged = "{\"eventId\":\"e\",\"eventTime\":\"2026-12-06T10:00:00Z\",\"eventName\":\"X\",\"requestParameters\":"
                + "{\"a\\u0000\":\"1\",\"ok\":\"v\\u0000\"}}";

        ApiCallRecorded call = Json.mapper().readValue(forged, ApiCallRecorded.class);

        assertThat(call.requestParameters()).containsExactly(Map.entry("ok", "v\uFFFD"));
    }
}
