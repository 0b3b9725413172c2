package dev.mayfly.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AWS's policy evaluation logic, as its IAM User Guide's evaluation pages describe it, one row per case: explicit deny
 * wins everywhere; within one account either side may allow (a resource-based grant to the principal itself stands
 * alone, one to a session's role stays within the boundary and session policies, one to the account needs identity
 * policies); across accounts both sides must allow; boundaries and session policies only ever restrict.
 */
class EvaluationLogicTest {

    private static Decision decision(String value) {
        return switch (value) {
            case "allow" -> Decision.ALLOW;
            case "deny" -> Decision.EXPLICIT_DENY;
            case "-" -> null;
            default -> Decision.NOT_APPLICABLE;
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            identity allows, no resource grant                      | allow | -     | -     | none  | NONE      | true  | true
            resource grant to the user itself, identity silent      | none  | -     | -     | allow | PRINCIPAL | true  | true
            resource grant to the account only, identity silent     | none  | -     | -     | allow | ACCOUNT   | true  | false
            resource grant to the account, identity allows         | allow | -     | -     | allow | ACCOUNT   | true  | true
            explicit deny in the resource policy                    | allow | -     | -     | deny  | ACCOUNT   | true  | false
            explicit deny in an identity policy                     | deny  | -     | -     | allow | PRINCIPAL | true  | false
            cross-account, identity allows only                     | allow | -     | -     | none  | NONE      | false | false
            cross-account, resource grants the principal only       | none  | -     | -     | allow | PRINCIPAL | false | false
            cross-account, both allow                               | allow | -     | -     | allow | PRINCIPAL | false | true
            boundary silent caps identity allow                     | allow | none  | -     | none  | NONE      | true  | false
            boundary allows too                                     | allow | allow | -     | none  | NONE      | true  | true
            boundary denies explicitly                              | allow | deny  | -     | allow | PRINCIPAL | true  | false
            boundary silent does not cap a grant to the user        | none  | none  | -     | allow | PRINCIPAL | true  | true
            boundary silent caps a grant to the session's role      | none  | none  | -     | allow | ROLE      | true  | false
            boundary allows a grant to the session's role           | none  | allow | -     | allow | ROLE      | true  | true
            session policy silent caps identity allow               | allow | -     | none  | none  | NONE      | true  | false
            session policy allows too                               | allow | -     | allow | none  | NONE      | true  | true
            session policy silent caps a grant to the role          | none  | -     | none  | allow | ROLE      | true  | false
            session policy silent does not cap a grant to the session | none | -    | none  | allow | PRINCIPAL | true  | true
            session policy denies explicitly                        | allow | -     | deny  | allow | PRINCIPAL | true  | false
            cross-account, session policy silent                    | allow | -     | none  | allow | PRINCIPAL | false | false
            nothing allows                                          | none  | -     | -     | none  | NONE      | true  | false
            """)
    void allowedWhenLayersDecideThenAsAwsEvaluationLogic(String what, String identity, String boundary, String session,
                                                         String resource, ResourceGrant grant, boolean sameAccount, boolean allowed) {
        assertThat(new Evaluation(decision(identity), decision(boundary), decision(session), decision(resource), grant, sameAccount)
                .allowed()).as(what).isEqualTo(allowed);
    }

    /**
     * The guide's example of identity-based and resource-based evaluation: carlossalazar's own policy lets him list and
     * read, a bucket policy lets him write to his logs bucket, and nothing lets him delete; an explicit deny in the bucket
     * policy wins over his own allow.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            s3:GetObject    | arn:aws:s3:::carlossalazar-logs/a.log | true
            s3:PutObject    | arn:aws:s3:::carlossalazar-logs/a.log | true
            s3:PutObject    | arn:aws:s3:::other-bucket/a.log       | false
            s3:DeleteObject | arn:aws:s3:::carlossalazar-logs/a.log | false
            s3:ListBucket   | arn:aws:s3:::carlossalazar-logs       | true
            s3:GetObject    | arn:aws:s3:::carlossalazar-logs/secret/x | false
            """)
    void allowedWhenIdentityAndBucketPoliciesThenAsTheGuidesExample(String action, String resource, boolean allowed) {
        PolicyDocument identity = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject","s3:GetBucketLocation"],"Resource":"*"}]}""");
        PolicyDocument bucket = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/carlossalazar"},"Action":"s3:PutObject",
                  "Resource":"arn:aws:s3:::carlossalazar-logs/*"},
                 {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::carlossalazar-logs/secret/*"}]}""");
        Principal carlos = new Principal("arn:aws:iam::123456789012:user/carlossalazar", "123456789012");
        RequestContext identityContext = new RequestContext(action, resource, null, Map.of());
        RequestContext resourceContext = new RequestContext(action, resource, carlos, Map.of("aws:SourceIp", List.of("192.0.2.1")));
        Evaluation evaluation = new Evaluation(identity.evaluate(identityContext), null, null, bucket.evaluate(resourceContext),
                bucket.grant(resourceContext), true);
        assertThat(evaluation.allowed()).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            arn:aws:sts::111122223333:assumed-role/app/s1 | PRINCIPAL
            arn:aws:iam::111122223333:role/app            | ROLE
            111122223333                                  | ACCOUNT
            arn:aws:iam::111122223333:root                | ACCOUNT
            """)
    void grantWhenPolicyNamesSessionRoleOrAccountThenTheMostSpecific(String named, ResourceGrant grant) {
        PolicyDocument policy = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sqs:SendMessage",
                 "Resource":"*"}}""".formatted(named));
        Principal session = Principal.session("arn:aws:iam::111122223333:role/app", "arn:aws:sts::111122223333:assumed-role/app/s1",
                "111122223333", "AROAAPP");
        assertThat(policy.grant(new RequestContext("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q", session, Map.of())))
                .isEqualTo(grant);
    }
}
