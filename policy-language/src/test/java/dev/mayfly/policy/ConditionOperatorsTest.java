package dev.mayfly.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every condition operator, table-driven: an Allow statement with one condition is ALLOW exactly when the
 * condition holds. Request values are '|'-separated (several values for one key); NONE means the key is absent.
 */
class ConditionOperatorsTest {

    private static boolean holds(String operator, String key, String policyValues, String requestValues) {
        String values = Arrays.stream(policyValues.split("\\|")).map(v -> "\"" + v + "\"").reduce((a, b) -> a + "," + b).orElseThrow();
        String policy = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"%s":{"%s":[%s]}}}}""".formatted(operator, key, values);
        Map<String, List<String>> keys = requestValues == null ? Map.of() : Map.of(key, List.of(requestValues.split("\\|")));
        return PolicyDocument.parse(policy).evaluate(new RequestContext("s3:GetObject", "arn:aws:s3:::b/k", null, keys)).isAllowed();
    }

    @ParameterizedTest(name = "{0} {1} {2} vs {3} -> {4}")
    @CsvSource(delimiter = ';', nullValues = "NONE", textBlock = """
            NumericEquals;            s3:max-keys; 10;         10;          true
            NumericEquals;            s3:max-keys; 10;         10.0;        true
            NumericEquals;            s3:max-keys; 10;         11;          false
            NumericNotEquals;         s3:max-keys; 10;         11;          true
            NumericLessThan;          s3:max-keys; 10;         9;           true
            NumericLessThan;          s3:max-keys; 10;         10;          false
            NumericLessThanEquals;    s3:max-keys; 10;         10;          true
            NumericGreaterThan;       s3:max-keys; 10;         10.5;        true
            NumericGreaterThanEquals; s3:max-keys; 10;         9;           false
            NumericEquals;            s3:max-keys; 10;         ten;         false
            NumericEquals;            s3:max-keys; 10;         NONE;        false
            NumericEqualsIfExists;    s3:max-keys; 10;         NONE;        true
            IpAddress;                aws:SourceIp; 203.0.113.0/24;       203.0.113.7;  true
            IpAddress;                aws:SourceIp; 203.0.113.0/24;       203.0.114.7;  false
            IpAddress;                aws:SourceIp; 203.0.113.7;          203.0.113.7;  true
            IpAddress;                aws:SourceIp; 10.0.0.0/8|192.168.0.0/16; 192.168.1.1; true
            IpAddress;                aws:SourceIp; 2001:db8::/32;        2001:db8:1::1; true
            IpAddress;                aws:SourceIp; 2001:db8::/32;        2001:db9::1;   false
            IpAddress;                aws:SourceIp; 203.0.113.0/24;       2001:db8::1;   false
            IpAddress;                aws:SourceIp; 203.0.113.0/24;       localhost;     false
            NotIpAddress;             aws:SourceIp; 203.0.113.0/24;       198.51.100.1;  true
            NotIpAddress;             aws:SourceIp; 203.0.113.0/24;       203.0.113.1;   false
            ArnEquals;                aws:SourceArn; arn:aws:sns:us-east-1:111122223333:topic;  arn:aws:sns:us-east-1:111122223333:topic; true
            ArnLike;                  aws:SourceArn; arn:aws:sns:*:111122223333:*;              arn:aws:sns:eu-west-1:111122223333:alerts; true
            ArnLike;                  aws:SourceArn; arn:aws:sns:*:111122223333:*;              arn:aws:sns:eu-west-1:444455556666:alerts; false
            ArnLike;                  aws:SourceArn; arn:aws:s3:::bucket/*;                     arn:aws:s3:::bucket/a:b/c;                 true
            ArnLike;                  aws:SourceArn; arn:aws:s3:::bucket/*;                     not-an-arn;                                false
            ArnNotLike;               aws:SourceArn; arn:aws:sns:*:111122223333:*;              arn:aws:sns:eu-west-1:444455556666:alerts; true
            ArnNotEquals;             aws:SourceArn; arn:aws:sns:us-east-1:111122223333:topic;  arn:aws:sns:us-east-1:111122223333:topic; false
            BinaryEquals;             s3:x;         QmluYXJ5;              QmluYXJ5;     true
            BinaryEquals;             s3:x;         QmluYXJ5;              QmluYXJ6;     false
            Null;                     aws:TokenIssueTime; true;            NONE;         true
            Null;                     aws:TokenIssueTime; true;            2026-01-01T00:00:00Z; false
            Null;                     aws:TokenIssueTime; false;           2026-01-01T00:00:00Z; true
            ForAnyValue:StringEquals; aws:TagKeys;  team|env;              owner|team;   true
            ForAnyValue:StringEquals; aws:TagKeys;  team|env;              owner;        false
            ForAnyValue:StringEquals; aws:TagKeys;  team|env;              NONE;         false
            ForAllValues:StringEquals; aws:TagKeys; team|env;              team|env;     true
            ForAllValues:StringEquals; aws:TagKeys; team|env;              team|owner;   false
            ForAllValues:StringEquals; aws:TagKeys; team|env;              NONE;         true
            ForAllValues:StringNotEquals; aws:TagKeys; secret;             team|env;     true
            ForAllValues:StringNotEquals; aws:TagKeys; secret;             team|secret;  false
            ForAnyValue:StringNotEquals;  aws:TagKeys; secret;             team|secret;  true
            ForAnyValue:StringLike;   aws:TagKeys;  env-*;                 team|env-prod; true
            StringEquals;             aws:TagKeys;  team;                  owner|team;   true
            StringNotEquals;          aws:TagKeys;  team;                  owner|team;   false
            """)
    void evaluateWhenConditionThenAllowedExactlyWhenItHolds(String operator, String key, String policyValues,
                                                             String requestValues, boolean expected) {
        assertThat(holds(operator, key, policyValues, requestValues)).isEqualTo(expected);
    }
}
