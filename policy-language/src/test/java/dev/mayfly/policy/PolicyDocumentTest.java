package dev.mayfly.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyDocumentTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/Deploy";

    private static Decision evaluate(String policy, String action, String resource, Map<String, List<String>> keys) {
        return PolicyDocument.parse(policy).evaluate(new RequestContext(action, resource, null, keys));
    }

    @ParameterizedTest(name = "{0} on {1} against Action {2} Resource {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | ALLOW
            sts:assumerole | arn:aws:iam::111122223333:role/Deploy | sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | ALLOW
            STS:ASSUMEROLE | arn:aws:iam::111122223333:role/Deploy | sts:assume*    | arn:aws:iam::111122223333:role/Deploy | ALLOW
            sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | STS:?SSUMEROLE | arn:aws:iam::111122223333:role/Deploy | ALLOW
            notes:Ändern   | arn:aws:iam::111122223333:role/Deploy | notes:?ndern   | arn:aws:iam::111122223333:role/Deploy | ALLOW
            notes:Ändern   | arn:aws:iam::111122223333:role/Deploy | notes:andern   | arn:aws:iam::111122223333:role/Deploy | NOT_APPLICABLE
            sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | sts:*          | *                                     | ALLOW
            sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | sts:Assume*    | arn:aws:iam::111122223333:role/*      | ALLOW
            sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | sts:AssumeRol? | arn:aws:iam::111122223333:role/Depl?y | ALLOW
            sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | iam:*          | *                                     | NOT_APPLICABLE
            sts:AssumeRole | arn:aws:iam::111122223333:role/Dep    | sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy* | NOT_APPLICABLE
            sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | sts:AssumeRoles | *                                    | NOT_APPLICABLE
            sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | sts:AssumeRole* | *                                    | ALLOW
            sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | sts:AssumeRole | arn:aws:iam::111122223333:role/deploy | NOT_APPLICABLE
            sts:AssumeRole | arn:aws:iam::111122223333:role/Deploy | sts:AssumeRole | arn:aws:iam::444455556666:role/*      | NOT_APPLICABLE
            """)
    void evaluateWhenActionAndResourcePatternsThenDecision(String action, String resource, String policyAction,
                                                           String policyResource, Decision expected) {
        String policy = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"%s","Resource":"%s"}}"""
                .formatted(policyAction, policyResource);
        assertThat(evaluate(policy, action, resource, Map.of())).isEqualTo(expected);
    }

    @Test
    void evaluateWhenAllowAndDenyBothApplyThenExplicitDenyWins() {
        String policy = """
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"*","Resource":"*"},
                  {"Effect":"Deny","Action":"sts:AssumeRole","Resource":"%s"}]}""".formatted(ROLE);
        assertThat(evaluate(policy, "sts:AssumeRole", ROLE, Map.of())).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluate(policy, "sts:GetCallerIdentity", "*", Map.of())).isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest(name = "Deny on {0} applies to {1}")
    @CsvSource(delimiter = '|', textBlock = """
            arn:aws:s3:::bucket/*       | arn:aws:s3:::bucket/*secret
            arn:aws:s3:::bucket/*       | arn:aws:s3:::bucket/*
            arn:aws:s3:::bucket/*.txt   | arn:aws:s3:::bucket/*a*.txt
            arn:aws:s3:::bucket/a*b     | arn:aws:s3:::bucket/a*xb
            arn:aws:s3:::bucket/?*      | arn:aws:s3:::bucket/**
            """)
    void evaluateWhenTheResourceHoldsAStarThenThePatternsStarsStillMatchAnyRun(String pattern, String resource) {
        // an S3 object's key may hold a '*': a Deny of the bucket's objects applies to it like to any other
        String policy = """
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"*","Resource":"*"},
                  {"Effect":"Deny","Action":"s3:GetObject","Resource":"%s"}]}""".formatted(pattern);
        assertThat(evaluate(policy, "s3:GetObject", resource, Map.of())).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void evaluateWhenNotActionThenEverythingElseAllowed() {
        String policy = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}""";
        assertThat(evaluate(policy, "sts:AssumeRole", ROLE, Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(policy, "iam:CreateUser", "*", Map.of())).isEqualTo(Decision.NOT_APPLICABLE);
    }

    @ParameterizedTest(name = "{0} {1}={2} with request value {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            StringEquals                | sts:ExternalId | abc   | abc   | true
            StringEquals                | sts:ExternalId | abc   | ABC   | false
            StringEquals                | sts:ExternalId | abc   | NONE  | false
            StringEqualsIfExists        | sts:ExternalId | abc   | NONE  | true
            StringNotEquals             | sts:ExternalId | abc   | xyz   | true
            StringNotEquals             | sts:ExternalId | abc   | abc   | false
            StringNotEquals             | sts:ExternalId | abc   | NONE  | true
            StringEqualsIgnoreCase      | sts:ExternalId | abc   | ABC   | true
            StringNotEqualsIgnoreCase   | sts:ExternalId | abc   | ABC   | false
            StringLike                  | sts:ExternalId | ab*   | abc   | true
            StringLike                  | sts:ExternalId | a?c   | abc   | true
            StringLike                  | sts:ExternalId | a?c   | abbc  | false
            StringNotLike               | sts:ExternalId | ab*   | xbc   | true
            Bool                        | aws:MultiFactorAuthPresent | true | true  | true
            Bool                        | aws:MultiFactorAuthPresent | true | false | false
            Bool                        | aws:MultiFactorAuthPresent | true | NONE  | false
            DateLessThan                | aws:TokenIssueTime | 2026-01-01T00:00:00Z | 2025-12-31T23:59:59Z | true
            DateLessThan                | aws:TokenIssueTime | 2026-01-01T00:00:00Z | 2026-01-01T00:00:00Z | false
            DateGreaterThan             | aws:CurrentTime    | 2026-01-01T00:00:00Z | 2026-06-01T00:00:00Z | true
            DateGreaterThanEquals       | aws:EpochTime      | 1767225600           | 1767225600           | true
            DateEquals                  | aws:CurrentTime    | 2026-01-01T00:00:00Z | not-a-date           | false
            """)
    void evaluateWhenConditionThenAppliesOnlyIfItHolds(String operator, String key, String policyValue,
                                                         String requestValue, boolean applies) {
        String policy = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*",
                 "Condition":{"%s":{"%s":"%s"}}}}""".formatted(operator, key, policyValue);
        Map<String, List<String>> keys = requestValue == null ? Map.of() : Map.of(key.toLowerCase(), List.of(requestValue));
        assertThat(evaluate(policy, "sts:AssumeRole", ROLE, keys)).isEqualTo(applies ? Decision.ALLOW : Decision.NOT_APPLICABLE);
    }

    @Test
    void evaluateWhenSeveralConditionsThenAllMustHold() {
        String policy = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*",
                 "Condition":{"StringEquals":{"sts:ExternalId":["a","b"],"aws:PrincipalTag/team":"blue"}}}}""";
        assertThat(evaluate(policy, "sts:AssumeRole", ROLE, Map.of("sts:ExternalId", List.of("b"),
                "aws:PrincipalTag/team", List.of("blue")))).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(policy, "sts:AssumeRole", ROLE, Map.of("sts:ExternalId", List.of("b"))))
                .isEqualTo(Decision.NOT_APPLICABLE);
    }

    @Test
    void evaluateWhenTrustPolicyNamesAccountThenEveryPrincipalOfItMatches() {
        PolicyDocument trust = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},
                 "Action":"sts:AssumeRole"}}""");
        RequestContext alice = new RequestContext("sts:AssumeRole", ROLE,
                new Principal("arn:aws:iam::111122223333:user/alice", "111122223333"), Map.of());
        RequestContext mallory = new RequestContext("sts:AssumeRole", ROLE,
                new Principal("arn:aws:iam::444455556666:user/mallory", "444455556666"), Map.of());
        assertThat(trust.evaluate(alice)).isEqualTo(Decision.ALLOW);
        assertThat(trust.grant(alice)).isEqualTo(ResourceGrant.ACCOUNT);
        assertThat(trust.evaluate(mallory)).isEqualTo(Decision.NOT_APPLICABLE);
    }

    @Test
    void evaluateWhenTrustPolicyNamesFederatedProviderThenOnlyThatProvidersCallersMatch() {
        String provider = "arn:aws:iam::111122223333:oidc-provider/token.example.com";
        PolicyDocument trust = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity"}}""".formatted(provider));
        assertThat(trust.evaluate(new RequestContext("sts:AssumeRoleWithWebIdentity", ROLE, Principal.federated(provider, "111122223333"),
                Map.of()))).isEqualTo(Decision.ALLOW);
        assertThat(trust.evaluate(new RequestContext("sts:AssumeRoleWithWebIdentity", ROLE,
                Principal.federated("arn:aws:iam::111122223333:oidc-provider/other.example.com", "111122223333"), Map.of())))
                .isEqualTo(Decision.NOT_APPLICABLE);
        assertThat(trust.evaluate(new RequestContext("sts:AssumeRoleWithWebIdentity", ROLE, new Principal(provider, "111122223333"),
                Map.of()))).as("an IAM principal is not a federated one").isEqualTo(Decision.NOT_APPLICABLE);
    }

    @Test
    void grantWhenTrustPolicyNamesUserThenPrincipal() {
        PolicyDocument trust = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/alice"]},
                 "Action":"sts:AssumeRole"}}""");
        RequestContext alice = new RequestContext("sts:AssumeRole", ROLE,
                new Principal("arn:aws:iam::111122223333:user/alice", "111122223333"), Map.of());
        assertThat(trust.grant(alice)).isEqualTo(ResourceGrant.PRINCIPAL);
    }

    @Test
    void namedUsersAndRolesWhenPrincipalsNameAccountsUsersRolesAndProvidersThenOnlyTheUsersAndRoles() {
        PolicyDocument trust = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/team/alice","arn:aws:iam::444455556666:role/ci",
                  "arn:aws:iam::111122223333:root","444455556666","*"]},"Action":"sts:AssumeRole"},
                 {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.example.com"},
                  "Action":"sts:AssumeRoleWithWebIdentity"}]}""");

        assertThat(trust.namedUsersAndRoles()).containsExactly("arn:aws:iam::111122223333:user/team/alice", "arn:aws:iam::444455556666:role/ci");
    }

    @Test
    void evaluateWhenAStoredPolicyBindsAUserArnToItsIdThenOnlyThatUserMatchesNotOneCreatedAgainUnderTheName() {
        String arn = "arn:aws:iam::111122223333:user/alice";
        PolicyDocument trust = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}"""
                .formatted(arn)).withPrincipalIds(Map.of(arn, "AIDAORIGINAL"));
        RequestContext original = new RequestContext("sts:AssumeRole", ROLE, Principal.user(arn, "111122223333", "AIDAORIGINAL"), Map.of());
        RequestContext recreated = new RequestContext("sts:AssumeRole", ROLE, Principal.user(arn, "111122223333", "AIDARECREATED"), Map.of());

        assertThat(trust.evaluate(original)).isEqualTo(Decision.ALLOW);
        assertThat(trust.grant(original)).isEqualTo(ResourceGrant.PRINCIPAL);
        assertThat(trust.evaluate(recreated)).isEqualTo(Decision.NOT_APPLICABLE);
    }

    @Test
    void grantWhenAStoredPolicyBindsARoleArnThenItsSessionsAreGrantedAsTheRoleAndSessionsOfARecreatedRoleAreNot() {
        String role = "arn:aws:iam::111122223333:role/app";
        PolicyDocument trust = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}"""
                .formatted(role)).withPrincipalIds(Map.of(role, "AROAORIGINAL"));
        String session = "arn:aws:sts::111122223333:assumed-role/app/s1";

        assertThat(trust.grant(new RequestContext("sts:AssumeRole", ROLE, Principal.session(role, session, "111122223333", "AROAORIGINAL"),
                Map.of()))).isEqualTo(ResourceGrant.ROLE);
        assertThat(trust.evaluate(new RequestContext("sts:AssumeRole", ROLE, Principal.session(role, session, "111122223333", "AROARECREATED"),
                Map.of()))).isEqualTo(Decision.NOT_APPLICABLE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                                        | Syntax errors in policy.
            {"Version":"2012-10-17"}                                                        | Policy document must contain a Statement element.
            {"Version":"2011-01-01","Statement":[]}                                         | The policy must contain a valid version string
            {"Statement":{"Effect":"Maybe","Action":"s3:*","Resource":"*"}}                 | Invalid effect: Maybe
            {"Statement":{"Effect":"Allow","Resource":"*"}}                                 | Policy statement must contain actions.
            {"Statement":{"Effect":"Allow","Action":"GetObject","Resource":"*"}}            | Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.
            {"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"bucket"}}            | Resource bucket must be in ARN format or "*".
            {"Statement":{"Effect":"Allow","Action":"s3:*","NotAction":"s3:x","Resource":"*"}} | Statement cannot have both Action and NotAction.
            {"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringSoundsLike":{"a:b":"1"}}}} | Invalid Condition type : StringSoundsLike
            {"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"a:b":"true"}}}} | Invalid Condition type : NullIfExists
            {"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"a:b":"ten"}}}} | Numeric condition value 'ten' is not a number
            {"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"example.com"}}}} | IpAddress condition value 'example.com' is not an IP address or CIDR block
            {"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}}} | IpAddress condition value '10.0.0.0/33' is not an IP address or CIDR block
            {"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"a:b":"yes"}}}} | Bool condition values must be true or false, not 'yes'
            {"Statement":{"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"sts:AssumeRole"}} | Invalid principal in policy: "AWS":"bob"
            {"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Surprise":1}}    | Statement contains an unknown element: Surprise
            """)
    void parseWhenMalformedThenMalformedPolicyWithUsefulMessage(String json, String message) {
        assertThatThrownBy(() -> PolicyDocument.parse(json)).isInstanceOf(MalformedPolicyException.class).hasMessage(message);
    }

    @Test
    void requireTrustPolicyWhenResourceOrNoPrincipalThenMalformed() {
        assertThatThrownBy(() -> PolicyDocument.parse("""
                {"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Principal":{"AWS":"*"}}}""")
                .requireTrustPolicy()).hasMessage("Has prohibited field Resource");
        assertThatThrownBy(() -> PolicyDocument.parse("""
                {"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}""").requireTrustPolicy())
                .hasMessage("Missing required field Principal");
    }

    @Test
    void requireIdentityPolicyWhenPrincipalOrNoResourceThenMalformed() {
        assertThatThrownBy(() -> PolicyDocument.parse("""
                {"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":{"AWS":"*"}}}""")
                .requireIdentityPolicy()).hasMessage("Policy document should not specify a principal.");
        assertThatThrownBy(() -> PolicyDocument.parse("""
                {"Statement":{"Effect":"Allow","Action":"s3:*"}}""").requireIdentityPolicy())
                .hasMessage("Policy statement must contain resources.");
    }
}
