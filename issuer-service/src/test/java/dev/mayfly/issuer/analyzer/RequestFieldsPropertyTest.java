package dev.mayfly.issuer.analyzer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.HostileInput;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.FindingFilter;
import dev.mayfly.issuer.query.AnalyzerViews.TrustExposure;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.testing.HostileJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever body a caller posts to Access Analyzer's operations, its members are read as the model types them or refused
 * with a ValidationException (4xx): never another failure; and whatever filter and token they hold, the findings are
 * filtered and paged or the request refused so.
 */
class RequestFieldsPropertyTest {

    private static final List<String> MEMBERS = List.of("analyzerArn", "analyzerName", "type", "status", "filter", "sort", "maxResults",
            "nextToken", "ids", "resourceArn", "tags", "archiveRules", "eq", "neq", "contains", "exists", "status", "principal.AWS",
            "condition.sts:ExternalId", "attributeName", "orderBy", "ruleName");
    private static final Finding FINDING = new Finding("f-1", "arn:aws:iam::123456789012:role/r", "123456789012",
            new TrustExposure("AWS", "*", List.of("sts:AssumeRole"), Map.of("sts:ExternalId", "x"), true), Instant.EPOCH,
            Instant.EPOCH, Instant.EPOCH, "ACTIVE");

    @Property
    void membersWhenAnyBodyThenReadOrValidationException(@ForAll("bodies") String body) {
        HostileInput.returnsOrRefuses(AwsServiceException.class, () -> {
            JsonNode json = parseObject(body);
            if (json == null) {
                return;
            }
            RequestFields fields = new RequestFields(json);
            fields.optionalString("analyzerArn");
            fields.optionalInt("maxResults");
            fields.stringList("ids", 1000);
            fields.stringMap("tags", 50);
            FindingFilter filter = fields.filter("filter");
            filter.matches(FINDING::valueOf);
            Page.of(List.of(FINDING, FINDING, FINDING), fields.optionalString("nextToken").orElse(null),
                    fields.optionalInt("maxResults").orElse(null), 2);
        });
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> value = Arbitraries.oneOf(HostileInput.json(3, MEMBERS), Arbitraries.of("\"ACTIVE\"", "[\"ACTIVE\"]",
                "{\"status\":{\"eq\":[\"ACTIVE\"]}}", "{\"isPublic\":{\"exists\":true}}", "{\"x\":{}}", "1", "0", "-1", "1001",
                "2147483648", "\"bWF5Zmx5LXBhZ2U6MQ\"", "\"bWF5Zmx5LXBhZ2U6LTE\"", "\"bWF5Zmx5LXBhZ2U6OTk\""));
        Arbitrary<String> member = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(MEMBERS), HostileInput.text()), value)
                .as((name, v) -> HostileJson.quote(name) + ":" + v);
        return Arbitraries.oneOf(member.list().ofMaxSize(8).map(members -> "{" + String.join(",", members) + "}"),
                HostileInput.json(3, MEMBERS), HostileInput.deeplyNested());
    }

    private static JsonNode parseObject(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body.getBytes(StandardCharsets.UTF_8));
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }
}
