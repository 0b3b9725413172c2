package dev.mayfly.audit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTimestampsTest {

    private static JsonNode member(String json) throws Exception {
        return Json.mapper().readTree("{\"From\":" + json + "}").path("From");
    }

    @Test
    void optionalWhenEpochSecondsWithFractionOrIsoTextThenThatTime() throws Exception {
        assertThat(JsonTimestamps.optional(member("1796565605.25"), "From")).isEqualTo(Instant.parse("2026-12-06T14:00:05.250Z"));
        assertThat(JsonTimestamps.optional(member("\"2026-12-06T14:00:05Z\""), "From")).isEqualTo(Instant.parse("2026-12-06T14:00:05Z"));
        assertThat(JsonTimestamps.optional(member("null"), "From")).isNull();
    }

    @Test
    void optionalWhenSecondsBeyondAnyInstantOrALongOrInfiniteThenValidationErrorNotAFailure() {
        for (String beyond : new String[] {"8052945408446545705", "-5168361251239918555", "123456789012345678901234567890", "1e999",
                "253402300800", "\"+10000-01-01T00:00:00Z\"", "\"yesterday\""}) {
            assertThatThrownBy(() -> JsonTimestamps.optional(member(beyond), "From")).as(beyond)
                    .isInstanceOf(JsonProtocolException.class).hasMessageContaining("From must be a timestamp");
        }
    }
}
