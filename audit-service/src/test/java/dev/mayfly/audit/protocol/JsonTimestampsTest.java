package dev.mayfly.audit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTimestampsTest {

    /**
     * 1e999999999 was found by the Search and LookupEvents properties: it reads as a double's infinity, whose
     * BigDecimal threw NumberFormatException, answered as a 503; the others are no instant either.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e999999999", "31556889864403200", "9223372036854775808", "1e300"})
    void optionalWhenSecondsAreNoInstantThenValidationException(String seconds) throws Exception {
        JsonNode node = Json.mapper().readTree(seconds);

        assertThatThrownBy(() -> JsonTimestamps.optional(node, "StartTime"))
                .isInstanceOfSatisfying(JsonProtocolException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
    }

    /** Instants Elasticsearch's dates cannot hold: a query with one would fail inside the store, answered 503. */
    @ParameterizedTest
    @ValueSource(strings = {"253402300800", "-62167219201", "\"+10000-01-01T00:00:00Z\""})
    void optionalWhenBeyondTheYearsAStoreTakesThenValidationException(String json) throws Exception {
        JsonNode node = Json.mapper().readTree(json);

        assertThatThrownBy(() -> JsonTimestamps.optional(node, "From"))
                .isInstanceOfSatisfying(JsonProtocolException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
    }

    @Test
    void optionalWhenSecondsWithAFractionThenThatInstant() throws Exception {
        assertThat(JsonTimestamps.optional(Json.mapper().readTree("1764000000.125"), "StartTime"))
                .isEqualTo(Instant.parse("2025-11-24T16:00:00.125Z"));
    }
}
