package dev.mayfly.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.testing.HostileJson;
import dev.mayfly.testing.Outcomes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Bodies a caller can send the audit service's JSON 1.1 operations, shared by their property suites: objects whose
 * members are an operation's, with values of any type and hostile ones (timestamps out of range, huge numbers, deep
 * nesting, repeated and empty names); and the one outcome reading one may have besides a value: a 4xx.
 */
public final class HostileInput {

    /** Numbers an SDK would never send for a timestamp or a count. */
    private static final List<String> NUMBERS = List.of("0", "-0", "1.5", "-1", "1764000000.123", "1e300", "-1e300", "1e999999999",
            "-1e999999999", "31556889864403200", "-31557014167219201", "9223372036854775808", "123456789012345678901234567890",
            "2147483648", "50", "1000", "1001");
    private static final List<String> TEXTS = List.of("2026-12-06T12:00:00Z", "+1000000000-12-31T23:59:59Z", "2026-02-30T00:00:00Z",
            "EventName", "EventId", "ReadOnly", "AssumeRole", "insight", "Insight", "event.action:AssumeRole", "eventName", "1h", "1y",
            "", " ", "\u0000", "\uD800", "𝄞", "x".repeat(2001), "eyJmIjoiMCIsInQiOjEsImlkIjoiYSJ9", "e30", "%%%");

    private HostileInput() {
    }

    /**
     * An object with the operation's members (and others, empty names among them) holding any values, nested now and
     * then; or text that is no JSON object.
     */
    public static Arbitrary<String> bodies(List<String> members) {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of(NUMBERS), Arbitraries.of(TEXTS).map(HostileJson::quote),
                Arbitraries.strings().all().ofMaxLength(12).map(HostileJson::quote), Arbitraries.of("null", "true", "false"));
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(members), Arbitraries.of("", "a", "NEXTTOKEN"),
                Arbitraries.strings().all().ofMaxLength(6)).map(HostileJson::quote);
        Arbitrary<String> value = Arbitraries.recursive(() -> scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(HostileJson::array),
                Combinators.combine(name, inner).as((n, v) -> n + ":" + v).list().ofMaxSize(4).map(HostileJson::object)), 0, 3);
        Arbitrary<String> body = Combinators.combine(name, Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, value)))
                .as((n, v) -> n + ":" + v).list().ofMaxSize(6).map(HostileJson::object);
        return Arbitraries.frequencyOf(Tuple.of(8, body), Tuple.of(1, Arbitraries.strings().all().ofMaxLength(24)),
                Tuple.of(1, Arbitraries.integers().between(5, 2_000).map(levels -> "{\"a\":" + "[".repeat(levels) + "]".repeat(levels) + "}")));
    }

    /**
     * Reads the body as the endpoint does, and hands what it accepts to the operation: either refuses it with a 4xx
     * AwsServiceException, or returns; nothing else, and never hangs.
     */
    public static void readOrRefused(String body, Consumer<JsonNode> operation) {
        Outcomes.returnsOrRefuses(AwsServiceException.class, () -> {
            JsonNode json = object(body);
            if (json != null) {
                operation.accept(json);
            }
        }).ifPresent(refused -> assertThat(refused.httpStatus()).isBetween(400, 499));
    }

    /** The body as the endpoint reads it: a JSON object, or null for one it refuses as SerializationException. */
    private static JsonNode object(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body.getBytes(StandardCharsets.UTF_8));
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }
}
