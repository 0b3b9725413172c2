package dev.mayfly.revocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.testing.HostileJson;
import dev.mayfly.testing.Outcomes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever body a caller posts to the rules API, it is refused as not JSON, or read into a rule or refused with an
 * AwsServiceException answered with a 4xx; and the record of the call is one the audit index takes: its
 * requestParameters, the body, are never nested deeper than the index's limit.
 */
class CreateRuleRequestPropertyTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String ACCOUNT = "111122223333";
    /** The audit index's requestParameters: a flattened field whose depth_limit is 10. */
    private static final int AUDIT_INDEX_DEPTH = 10;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final List<String> VALUES = List.of("Revoke", "QUARANTINE", "quarantine", "Account", "Role", "principal",
            "AccessKey", "SourceIdentity", "SessionTag", "111122223333", "444455556666", "arn:aws:iam::111122223333:role/R",
            "arn:aws:iam::444455556666:role/R", "arn:aws:sts::111122223333:assumed-role/R/s", "arn:aws:iam::111122223333:role/\n",
            "AKIAABCDEFGHIJKLMNOP", "ASIA2222222222222222", "team=red", "=red", "k=", "2026-12-06T13:00:00Z",
            "2026-12-31T00:00:00Z", "+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "",
            "\u0000", "\uD800", "x".repeat(2049));

    @Property
    void fromWhenAnyBodyThenRuleOrClientError(@ForAll("bodies") String body) {
        Outcomes.returnsOrRefuses(AwsServiceException.class, () -> {
            JsonNode json = parseObject(body);
            if (json != null) {
                CreateRuleRequest.from(json, ACCOUNT, NOW).expiresAt();
            }
        }).ifPresent(refused -> assertThat(refused.httpStatus()).isBetween(400, 499));
    }

    @Property
    void recordWhenAnyBodyReadThenTheAuditIndexTakesItsRequestParameters(@ForAll("bodies") String body) {
        JsonNode json = parseObject(body);
        if (json != null) {
            assertThat(depth(recordedParameters(json))).isLessThanOrEqualTo(AUDIT_INDEX_DEPTH);
        }
    }

    /**
     * The shrunk example this property found at the branch point, before API-call records were bounded (RecordBounds):
     * the body was recorded eleven levels deep, and the audit index refused the record.
     */
    @Example
    void recordWhenBodyNestedElevenLevelsThenRecordedWithinTheIndexDepth() {
        JsonNode json = parseObject("{\"Reason\":[[[[[[[[{\"Kind\":[]}]]]]]]]]}");

        assertThat(depth(recordedParameters(json))).isLessThanOrEqualTo(AUDIT_INDEX_DEPTH);
    }

    /** The requestParameters of the call's record, as RulesEndpoint records the body, as the index receives them. */
    private static JsonNode recordedParameters(JsonNode body) {
        ApiCallRecorded record = new ApiCallRecorded("id", NOW, RulesEndpoint.EVENT_SOURCE, "CreateRule", "us-east-1", "127.0.0.1", null,
                "request", null, Json.mapper().convertValue(body, MAP), null, null, null, List.of(), false, ACCOUNT);
        return Json.mapper().valueToTree(record.requestParameters());
    }

    /** As the endpoint reads a body: a JSON object, or null for what it refuses as SerializationException. */
    private static JsonNode parseObject(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body.getBytes(StandardCharsets.UTF_8));
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of(VALUES).map(HostileJson::quote),
                Arbitraries.strings().all().ofMaxLength(16).map(HostileJson::quote),
                Arbitraries.of("null", "true", "0", "-1", "1e999999999", "123456789012345678901234567890", "[]", "{}"));
        Arbitrary<String> value = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(1, nested(scalar)));
        Arbitrary<String> member = Combinators.combine(Arbitraries.oneOf(Arbitraries.of("Kind", "Scope", "Target", "IssuedBefore",
                        "Until", "Reason"), Arbitraries.strings().all().ofMaxLength(8)), value)
                .as((name, v) -> HostileJson.quote(name) + ":" + v);
        Arbitrary<String> rule = member.list().ofMaxSize(8).map(HostileJson::object);
        return Arbitraries.oneOf(rule, nested(rule), Arbitraries.strings().all().ofMaxLength(32), scalar);
    }

    /** A value nested in objects and arrays from a few levels to far past any bound, closed or not. */
    private static Arbitrary<String> nested(Arbitrary<String> inner) {
        return Combinators.combine(Arbitraries.integers().between(1, 3_000), Arbitraries.of("[", "{\"Target\":"), Arbitraries.of(true, false),
                        inner)
                .as((levels, opening, closed, value) -> "{\"Reason\":" + opening.repeat(levels) + value
                        + (closed ? (opening.equals("[") ? "]" : "}").repeat(levels) : "") + "}");
    }
}
