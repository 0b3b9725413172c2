package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CloudTrail's requestParameters from the parameters of a Query-protocol request. */
class ApiCallRecorderTest {

    private static Map<String, String> query(String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    @Test
    void requestParametersWhenScalarsThenLowerCamelCaseWithoutSecretsOrProtocol() {
        Map<String, Object> recorded = ApiCallRecorder.requestParameters(query("Action", "AssumeRoleWithWebIdentity",
                "Version", "2011-06-15", "RoleArn", "arn:aws:iam::000000000001:role/ci", "WebIdentityToken", "eyJ.secret",
                "DurationSeconds", "900"), Set.of("DurationSeconds"));

        assertThat(recorded).containsExactly(Map.entry("roleArn", "arn:aws:iam::000000000001:role/ci"), Map.entry("durationSeconds", 900));
    }

    @Test
    void requestParametersWhenReadAsNumbersOrBooleansThenTypedAsTheApiModelTypesThem() {
        Map<String, Object> recorded = ApiCallRecorder.requestParameters(query("MaxSessionDuration", "7200", "MaxItems", "many",
                "SetAsDefault", "true", "OnlyAttached", "yes"), Set.of("MaxSessionDuration", "MaxItems"));

        assertThat(recorded).containsExactly(Map.entry("maxSessionDuration", 7200), Map.entry("maxItems", "many"),
                Map.entry("setAsDefault", true), Map.entry("onlyAttached", "yes"));
    }

    @Test
    void requestParametersWhenListOfStructuresThenArrayOfObjectsInMemberOrder() {
        Map<String, Object> recorded = ApiCallRecorder.requestParameters(query("UserName", "alice",
                "Tags.member.10.Key", "k10", "Tags.member.2.Key", "k2", "Tags.member.2.Value", "v2", "Tags.member.10.Value", "v10",
                "PolicyArns.member.1.arn", "arn:aws:iam::000000000001:policy/read"), Set.of());

        assertThat(recorded).containsExactly(Map.entry("userName", "alice"),
                Map.entry("tags", List.of(Map.of("key", "k2", "value", "v2"), Map.of("key", "k10", "value", "v10"))),
                Map.entry("policyArns", List.of(Map.of("arn", "arn:aws:iam::000000000001:policy/read"))));
    }

    @Test
    void requestParametersWhenListOfValuesThenArrayOfStrings() {
        Map<String, Object> recorded = ApiCallRecorder.requestParameters(query("TagKeys.member.2", "env", "TagKeys.member.1", "Team",
                "RoleName", "deploy"), Set.of());

        assertThat(recorded).containsExactly(Map.entry("tagKeys", List.of("Team", "env")), Map.entry("roleName", "deploy"));
    }

    @Test
    void requestParametersWhenValueLongerThanTenKilobytesThenCut() {
        Map<String, Object> recorded = ApiCallRecorder.requestParameters(query("PolicyDocument", "x".repeat(20_000),
                "TagKeys.member.1", "y".repeat(20_000)), Set.of());

        assertThat((String) recorded.get("policyDocument")).hasSize(10_240);
        assertThat((List<?>) recorded.get("tagKeys")).singleElement().asString().hasSize(10_240);
    }
}
