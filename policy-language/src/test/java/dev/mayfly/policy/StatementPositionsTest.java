package dev.mayfly.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.policy.StatementPositions.Position;
import dev.mayfly.policy.StatementPositions.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementPositionsTest {

    @Test
    void ofWhenStatementArrayThenEachElementFromItsBraceToJustAfterItsClosingBrace() {
        String document = """
                {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Action": "s3:*",
                        "Resource": "*"
                    },
                    {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]
                }""";

        assertThat(StatementPositions.of(document)).containsExactly(
                new Span(new Position(3, 19), new Position(7, 6)),
                new Span(new Position(8, 5), new Position(8, 69)));
    }

    @Test
    void ofWhenStatementOneObjectThenOneSpanAndOtherElementsSkipped() {
        String document = "{\"Id\":{\"x\":[1,{\"Statement\":{}}]},\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";

        assertThat(StatementPositions.of(document)).containsExactly(new Span(new Position(1, 46), new Position(1, 92)));
    }

    @Test
    void ofWhenNotAPolicyThenMalformed() {
        for (String hostile : List.of("", "[]", "{\"Version\":\"2012-10-17\"}", "{\"Statement\":", "nope")) {
            assertThatThrownBy(() -> StatementPositions.of(hostile)).as(hostile).isInstanceOf(MalformedPolicyException.class);
        }
    }

    @Test
    void applyingWhenStatementsOfBothEffectsApplyThenTheirPlacesPerEffect() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"s3:*","Resource":"*"},
                 {"Effect":"Allow","Action":"iam:*","Resource":"*"},
                 {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}},
                 {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},
                   "StringEquals":{"aws:MultiFactorAuthPresent":"true"}}}]}""");
        RequestContext delete = new RequestContext("s3:DeleteBucket", "arn:aws:s3:::b", null,
                Map.of("aws:MultiFactorAuthPresent", List.of("false")));

        assertThat(policy.applying(delete, Effect.ALLOW)).containsExactly(0);
        assertThat(policy.applying(delete, Effect.DENY)).containsExactly(2);
        assertThat(policy.conditionKeys()).containsExactly("aws:MultiFactorAuthPresent", "aws:SourceIp");
    }
}
