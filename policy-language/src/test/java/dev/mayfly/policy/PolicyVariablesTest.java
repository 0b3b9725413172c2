package dev.mayfly.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy variables in Resource and Condition values, with defaults and escapes, and only in 2012-10-17 policies. */
class PolicyVariablesTest {

    private static final Map<String, List<String>> ALICE = Map.of("aws:username", List.of("alice"),
            "aws:PrincipalTag/team", List.of("blue"), "aws:TagKeys", List.of("a", "b"));

    private static boolean resourceAllowed(String version, String resourcePattern, String resource, Map<String, List<String>> keys) {
        String policy = """
                {%s"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"%s"}}"""
                .formatted(version == null ? "" : "\"Version\":\"" + version + "\",", resourcePattern);
        return PolicyDocument.parse(policy).evaluate(new RequestContext("s3:GetObject", resource, null, keys)).isAllowed();
    }

    @ParameterizedTest(name = "{1} on {2} -> {3}")
    @CsvSource(delimiter = ';', nullValues = "NONE", textBlock = """
            2012-10-17; arn:aws:s3:::home/${aws:username}/*;                       arn:aws:s3:::home/alice/notes;   true
            2012-10-17; arn:aws:s3:::home/${aws:username}/*;                       arn:aws:s3:::home/bob/notes;     false
            2012-10-17; arn:aws:s3:::home/${AWS:UserName}/*;                       arn:aws:s3:::home/alice/notes;   true
            2012-10-17; arn:aws:s3:::teams/${aws:PrincipalTag/team}/*;             arn:aws:s3:::teams/blue/x;       true
            2012-10-17; arn:aws:s3:::teams/${aws:PrincipalTag/missing}/*;          arn:aws:s3:::teams/blue/x;       false
            2012-10-17; arn:aws:s3:::teams/${aws:PrincipalTag/missing, 'shared'}/*; arn:aws:s3:::teams/shared/x;    true
            2012-10-17; arn:aws:s3:::quote/${aws:nothing, 'it''s'};                arn:aws:s3:::quote/it's;         true
            2012-10-17; arn:aws:s3:::multi/${aws:TagKeys};                         arn:aws:s3:::multi/a;            false
            2012-10-17; arn:aws:s3:::star/${*};                                    arn:aws:s3:::star/*;             true
            2012-10-17; arn:aws:s3:::star/${*};                                    arn:aws:s3:::star/anything;      false
            2012-10-17; arn:aws:s3:::dollar/${$}x;                                 arn:aws:s3:::dollar/$x;          true
            2012-10-17; arn:aws:s3:::broken/${aws:username;                        arn:aws:s3:::broken/alice;       false
            2008-10-17; arn:aws:s3:::home/${aws:username}/*;                       arn:aws:s3:::home/alice/notes;   false
            2008-10-17; arn:aws:s3:::home/${aws:username}/*;                       arn:aws:s3:::home/${aws:username}/notes; true
            NONE;       arn:aws:s3:::home/${aws:username}/*;                       arn:aws:s3:::home/alice/notes;   false
            """)
    void evaluateWhenResourceHasVariablesThenResolvedPerRequest(String version, String pattern, String resource, boolean expected) {
        assertThat(resourceAllowed(version, pattern, resource, ALICE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            StringEquals; ${aws:username};                      alice;    true
            StringEquals; ${aws:username};                      bob;      false
            StringLike;   home/${aws:username}/*;               home/alice/x; true
            StringEquals; ${aws:PrincipalTag/missing, 'none'};  none;     true
            StringLike;   ${*};                                 anything; false
            StringLike;   ${*};                                 *;        true
            """)
    void evaluateWhenConditionValueHasVariablesThenResolvedPerRequest(String operator, String policyValue, String requestValue,
                                                                     boolean expected) {
        String policy = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*",
                 "Condition":{"%s":{"s3:prefix":"%s"}}}}""".formatted(operator, policyValue);
        Map<String, List<String>> keys = new java.util.HashMap<>(ALICE);
        keys.put("s3:prefix", List.of(requestValue));
        assertThat(PolicyDocument.parse(policy).evaluate(new RequestContext("s3:ListBucket", "*", null, keys)).isAllowed())
                .isEqualTo(expected);
    }
}
