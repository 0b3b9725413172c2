package dev.mayfly.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.projection.CloudTrailRecord;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.SessionContext;
import dev.mayfly.contract.ApiCallRecorded.SessionIssuer;
import dev.mayfly.contract.ApiCallRecorded.TlsDetails;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RecordHashTest {

    private static final String A = "111111111111";

    /** A record with every kind of member a CloudTrail record has: nested objects, lists, nulls, non-ASCII text. */
    private static Map<String, Object> cloudTrailRecord() {
        SessionContext session = new SessionContext(new SessionIssuer("Role", "AROAEXAMPLE", "arn:aws:iam::" + A + ":role/r", A, "r"),
                Instant.parse("2026-12-01T10:00:00Z"), true, "jörg", null);
        return CloudTrailRecord.of(new ApiCallRecorded("e-1", Instant.parse("2026-12-01T10:15:30.250Z"), "sts.amazonaws.com",
                "AssumeRole", "eu-west-1", "192.0.2.7", "aws-cli/2.17 \"quoted\" \\ tab\t", "req-1",
                new UserIdentity("AssumedRole", "AROAEXAMPLE:s", "arn:aws:sts::" + A + ":assumed-role/r/s", A, "ASIAEXAMPLE", null, session),
                Map.of("roleArn", "arn:aws:iam::" + A + ":role/r", "roleSessionName", "s-ü-😀", "durationSeconds", "900"),
                Map.of("assumedRoleUser", Map.of("arn", "arn:aws:sts::" + A + ":assumed-role/r/s")), null, null,
                List.of(new ApiCallRecorded.Resource("arn:aws:iam::" + A + ":role/r", A, "AWS::IAM::Role")), false, A,
                new TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", "sts.example.test"))).getFirst();
    }

    /** The canonical form as it was first defined: Jackson's tree of the value, members sorted, null members dropped. */
    private static byte[] throughJacksonTree(Object value) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        return mapper.writeValueAsBytes(sorted(mapper.valueToTree(value)));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> members = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!member.getValue().isNull()) {
                    members.put(member.getKey(), sorted(member.getValue()));
                }
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            members.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(sorted(element)));
            return array;
        }
        return node;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void canonicalBytesWhenMembersInAnyOrderThenSortedCompactAndWithoutNullMembers() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1);
        value.put("a", Arrays.asList("x", null, Map.of("d", 1.5, "c", true)));
        value.put("n", null);

        assertThat(utf8(RecordHash.canonicalBytes(value))).isEqualTo("{\"a\":[\"x\",null,{\"c\":true,\"d\":1.5}],\"b\":1}");
    }

    @Test
    void ofThenTheSha256OfTheCanonicalBytes() {
        Map<String, Object> value = Map.of("b", 1L, "a", "é");

        assertThat(RecordHash.of(value)).isEqualTo(RecordHash.sha256Hex("{\"a\":\"é\",\"b\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void canonicalBytesWhenCloudTrailRecordThenSameAsThroughJacksonsTree() throws Exception {
        Map<String, Object> record = cloudTrailRecord();

        assertThat(utf8(RecordHash.canonicalBytes(record))).isEqualTo(utf8(throughJacksonTree(record)));
    }

    @Test
    void canonicalBytesWhenNumbersOfEveryKindThenSameAsThroughJacksonsTree() throws Exception {
        Map<String, Object> numbers = new HashMap<>();
        numbers.put("int", 7);
        numbers.put("long", 1L << 40);
        numbers.put("double", 0.1);
        numbers.put("float", 2.5f);
        numbers.put("short", (short) 3);
        numbers.put("decimal", new BigDecimal("10.50"));
        numbers.put("instant", Instant.parse("2026-12-01T10:15:30Z").toEpochMilli());

        assertThat(utf8(RecordHash.canonicalBytes(numbers))).isEqualTo(utf8(throughJacksonTree(numbers)));
    }

    @Test
    void ofWhenRecordReadBackFromItsJsonThenSameHash() throws Exception {
        Map<String, Object> record = cloudTrailRecord();
        JsonNode readBack = Json.mapper().readTree(Json.mapper().writeValueAsBytes(record));   // as validation reads it from Elasticsearch

        assertThat(RecordHash.of(readBack)).isEqualTo(RecordHash.of(record));
    }

    @Test
    void ofWhenNotAJsonValueThenIllegalArgument() {
        assertThatThrownBy(() -> RecordHash.of(Map.of("a", new Object()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a JSON value");
    }
}
