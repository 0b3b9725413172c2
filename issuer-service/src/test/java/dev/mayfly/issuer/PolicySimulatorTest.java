package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Statement;

/**
 * IAM's policy simulator through the AWS SDK. The table of cases sets up a user's policies, asks the simulator about an
 * action, then makes the call as that user: the simulator's decision and the call's outcome must agree, since both are
 * the same access decision.
 */
class PolicySimulatorTest {

    private static String allow(String actions, String resource) {
        return """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":%s,"Resource":"%s"}}""".formatted(actions, resource);
    }

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    /** One case: the user's policies, then a call the simulator and the issuer both decide. */
    private record Case(String name, Consumer<Setup> setup, String action, String resource, Consumer<IamClient> call,
                        PolicyEvaluationDecisionType expected) {
    }

    /** What a case may set up: the account's root client, the user's name, the account. */
    private record Setup(IamClient root, String user, String account) {
    }

    @Test
    void simulatePrincipalPolicyWhenComparedWithRealCallsThenTheyAgree() {
        List<Case> cases = List.of(
                new Case("inline allow", s -> s.root.putUserPolicy(r -> r.userName(s.user).policyName("read")
                        .policyDocument(allow("\"iam:Get*\"", "*"))), "iam:GetUser", "user", c -> c.getUser(r -> r.userName("target")),
                        PolicyEvaluationDecisionType.ALLOWED),
                new Case("nothing allows", s -> { }, "iam:ListRoles", "*", IamClient::listRoles, PolicyEvaluationDecisionType.IMPLICIT_DENY),
                new Case("explicit deny", s -> {
                    s.root.putUserPolicy(r -> r.userName(s.user).policyName("all").policyDocument(allow("\"iam:*\"", "*")));
                    s.root.putUserPolicy(r -> r.userName(s.user).policyName("no-roles").policyDocument("""
                            {"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"iam:ListRoles","Resource":"*"}}"""));
                }, "iam:ListRoles", "*", IamClient::listRoles, PolicyEvaluationDecisionType.EXPLICIT_DENY),
                new Case("group policy", s -> {
                    s.root.createGroup(r -> r.groupName("readers"));
                    s.root.addUserToGroup(r -> r.groupName("readers").userName(s.user));
                    s.root.putGroupPolicy(r -> r.groupName("readers").policyName("list").policyDocument(allow("\"iam:ListRoles\"", "*")));
                }, "iam:ListRoles", "*", IamClient::listRoles, PolicyEvaluationDecisionType.ALLOWED),
                new Case("managed policy", s -> {
                    String arn = s.root.createPolicy(r -> r.policyName("list-users").policyDocument(allow("\"iam:ListUsers\"", "*")))
                            .policy().arn();
                    s.root.attachUserPolicy(r -> r.userName(s.user).policyArn(arn));
                }, "iam:ListUsers", "*", IamClient::listUsers, PolicyEvaluationDecisionType.ALLOWED),
                new Case("AWS-managed policy", s -> s.root.attachUserPolicy(r -> r.userName(s.user)
                        .policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess")), "iam:ListRoles", "*", IamClient::listRoles,
                        PolicyEvaluationDecisionType.ALLOWED),
                new Case("AWS-managed policy refuses what it does not grant", s -> s.root.attachUserPolicy(r -> r.userName(s.user)
                        .policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess")), "iam:CreateGroup", "*",
                        c -> c.createGroup(r -> r.groupName("nope")), PolicyEvaluationDecisionType.IMPLICIT_DENY),
                new Case("outside the boundary", s -> {
                    s.root.putUserPolicy(r -> r.userName(s.user).policyName("all").policyDocument(allow("\"iam:*\"", "*")));
                    String boundary = s.root.createPolicy(r -> r.policyName("only-get-user").policyDocument(allow("\"iam:GetUser\"", "*")))
                            .policy().arn();
                    s.root.putUserPermissionsBoundary(r -> r.userName(s.user).permissionsBoundary(boundary));
                }, "iam:ListGroups", "*", IamClient::listGroups, PolicyEvaluationDecisionType.IMPLICIT_DENY),
                new Case("resource pattern matches", s -> s.root.putUserPolicy(r -> r.userName(s.user).policyName("app")
                        .policyDocument(allow("\"iam:GetUser\"", "arn:aws:iam::" + s.account + ":user/tar*"))), "iam:GetUser", "user",
                        c -> c.getUser(r -> r.userName("target")), PolicyEvaluationDecisionType.ALLOWED),
                new Case("resource pattern does not match", s -> s.root.putUserPolicy(r -> r.userName(s.user).policyName("app")
                        .policyDocument(allow("\"iam:GetUser\"", "arn:aws:iam::" + s.account + ":user/app-*"))), "iam:GetUser", "user",
                        c -> c.getUser(r -> r.userName("target")), PolicyEvaluationDecisionType.IMPLICIT_DENY),
                new Case("policy variable", s -> s.root.putUserPolicy(r -> r.userName(s.user).policyName("self")
                        .policyDocument(allow("\"iam:GetUser\"", "arn:aws:iam::" + s.account + ":user/${aws:username}"))), "iam:GetUser",
                        "self", c -> c.getUser(), PolicyEvaluationDecisionType.ALLOWED));

        int n = 0;
        for (Case c : cases) {
            NewAccount account = IssuerFixture.newAccount("simulator-" + n++);
            IamClient rootIam = iam(root(account));
            String user = "subject";
            rootIam.createUser(r -> r.userName(user));
            rootIam.createUser(r -> r.userName("target"));
            var key = rootIam.createAccessKey(r -> r.userName(user)).accessKey();
            c.setup.accept(new Setup(rootIam, user, account.accountId()));
            String userArn = "arn:aws:iam::" + account.accountId() + ":user/" + user;
            String resource = switch (c.resource) {
                case "user" -> "arn:aws:iam::" + account.accountId() + ":user/target";
                case "self" -> userArn;
                default -> c.resource;
            };

            EvaluationResult simulated = rootIam.simulatePrincipalPolicy(r -> r.policySourceArn(userArn).actionNames(c.action)
                    .resourceArns(resource)).evaluationResults().getFirst();
            PolicyEvaluationDecisionType actual;
            try {
                c.call.accept(iam(credentials(key.accessKeyId(), key.secretAccessKey())));
                actual = PolicyEvaluationDecisionType.ALLOWED;
            } catch (AwsServiceException e) {
                assertThat(errorCode(e)).as(c.name).isEqualTo("AccessDenied");
                actual = e.getMessage().contains("explicit deny") ? PolicyEvaluationDecisionType.EXPLICIT_DENY
                        : PolicyEvaluationDecisionType.IMPLICIT_DENY;
            }

            assertThat(simulated.evalDecision()).as(c.name + ": the simulator").isEqualTo(c.expected);
            assertThat(actual).as(c.name + ": the real call").isEqualTo(c.expected);
            assertThat(simulated.evalActionName()).isEqualTo(c.action);
            assertThat(simulated.evalResourceName()).isEqualTo(resource);
            if (c.expected != PolicyEvaluationDecisionType.IMPLICIT_DENY) {
                assertThat(simulated.matchedStatements()).as(c.name).isNotEmpty();
                if (c.name.startsWith("AWS-managed")) {
                    assertThat(simulated.matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("IAMReadOnlyAccess", "aws-managed"));
                }
            } else {
                assertThat(simulated.matchedStatements()).as(c.name).isEmpty();
            }
        }
    }

    @Test
    void simulateCustomPolicyWhenStatementsDecideThenNamedWithTheirPositions() {
        NewAccount account = IssuerFixture.newAccount("simulator-custom");
        String policy = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                    {
                      "Effect": "Deny",
                      "Action": "s3:DeleteBucket",
                      "Resource": "*"
                    }
                  ]
                }""";
        var results = iam(root(account)).simulateCustomPolicy(r -> r.policyInputList(policy)
                .actionNames("s3:GetObject", "s3:DeleteBucket")).evaluationResults();

        assertThat(results).extracting(EvaluationResult::evalDecision)
                .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.EXPLICIT_DENY);
        Statement allowing = results.get(0).matchedStatements().getFirst();
        assertThat(allowing.sourcePolicyId()).isEqualTo("PolicyInputList.1");
        assertThat(allowing.sourcePolicyTypeAsString()).isEqualTo("none");
        assertThat(List.of(allowing.startPosition().line(), allowing.startPosition().column(), allowing.endPosition().line(),
                allowing.endPosition().column())).containsExactly(4, 5, 4, 59);
        Statement denying = results.get(1).matchedStatements().getFirst();
        assertThat(List.of(denying.startPosition().line(), denying.startPosition().column(), denying.endPosition().line(),
                denying.endPosition().column())).containsExactly(5, 5, 9, 6);
        assertThat(results.get(0).evalResourceName()).isEqualTo("*");
    }

    @Test
    void simulateCustomPolicyWhenConditionKeyMissingThenListedAndGivenThenDecided() {
        NewAccount account = IssuerFixture.newAccount("simulator-context");
        IamClient rootIam = iam(root(account));
        String policy = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*",
                 "Condition":{"Bool":{"aws:SecureTransport":"true"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}""";

        EvaluationResult without = rootIam.simulateCustomPolicy(r -> r.policyInputList(policy).actionNames("iam:ListUsers"))
                .evaluationResults().getFirst();
        EvaluationResult with = rootIam.simulateCustomPolicy(r -> r.policyInputList(policy).actionNames("iam:ListUsers")
                .contextEntries(entry("aws:SecureTransport", ContextKeyTypeEnum.BOOLEAN, "true"),
                        entry("aws:SourceIp", ContextKeyTypeEnum.IP, "10.1.2.3"))).evaluationResults().getFirst();

        assertThat(without.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(without.missingContextValues()).containsExactly("aws:SecureTransport", "aws:SourceIp");
        assertThat(with.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(with.missingContextValues()).isEmpty();
        assertThat(rootIam.getContextKeysForCustomPolicy(r -> r.policyInputList(policy)).contextKeyNames())
                .containsExactly("aws:SecureTransport", "aws:SourceIp");
    }

    @Test
    void simulatePrincipalPolicyWhenSeveralResourcesThenOneResultPerActionWithEachResourcesResult() {
        NewAccount account = IssuerFixture.newAccount("simulator-resources");
        IamClient rootIam = iam(root(account));
        rootIam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}"));
        rootIam.putRolePolicy(r -> r.roleName("app").policyName("p").policyDocument(allow("\"s3:GetObject\"", "arn:aws:s3:::public/*")));
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/app";

        var response = rootIam.simulatePrincipalPolicy(r -> r.policySourceArn(roleArn).actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::public/a", "arn:aws:s3:::private/b"));

        EvaluationResult result = response.evaluationResults().getFirst();
        assertThat(response.evaluationResults()).hasSize(1);
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(result.resourceSpecificResults()).extracting(s -> s.evalResourceName() + "=" + s.evalResourceDecisionAsString())
                .containsExactly("arn:aws:s3:::public/a=allowed", "arn:aws:s3:::private/b=implicitDeny");
        assertThat(result.resourceSpecificResults().getFirst().matchedStatements()).extracting(Statement::sourcePolicyId)
                .containsExactly("p");
        assertThat(result.resourceSpecificResults().getFirst().matchedStatements()).extracting(Statement::sourcePolicyTypeAsString)
                .containsExactly("role");
    }

    @Test
    void simulatePrincipalPolicyWhenBoundaryGivenThenItDecidesAndItsDetailTold() {
        NewAccount account = IssuerFixture.newAccount("simulator-boundary");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("dev"));
        rootIam.putUserPolicy(r -> r.userName("dev").policyName("all").policyDocument(allow("\"iam:*\"", "*")));
        String userArn = "arn:aws:iam::" + account.accountId() + ":user/dev";

        var results = rootIam.simulatePrincipalPolicy(r -> r.policySourceArn(userArn).actionNames("iam:GetUser", "iam:DeleteUser")
                .permissionsBoundaryPolicyInputList(allow("\"iam:GetUser\"", "*"))).evaluationResults();

        assertThat(results).extracting(EvaluationResult::evalDecision)
                .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(results).extracting(result -> result.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary())
                .containsExactly(true, false);
    }

    @Test
    void simulatePrincipalPolicyWhenPagedThenMarkerContinues() {
        NewAccount account = IssuerFixture.newAccount("simulator-pages");
        IamClient rootIam = iam(root(account));
        rootIam.createGroup(r -> r.groupName("g"));
        String groupArn = "arn:aws:iam::" + account.accountId() + ":group/g";

        var first = rootIam.simulatePrincipalPolicy(r -> r.policySourceArn(groupArn).actionNames("iam:A1", "iam:A2", "iam:A3").maxItems(2));
        var second = rootIam.simulatePrincipalPolicy(r -> r.policySourceArn(groupArn).actionNames("iam:A1", "iam:A2", "iam:A3")
                .maxItems(2).marker(first.marker()));

        assertThat(first.isTruncated()).isTrue();
        assertThat(first.evaluationResults()).extracting(EvaluationResult::evalActionName).containsExactly("iam:A1", "iam:A2");
        assertThat(second.isTruncated()).isFalse();
        assertThat(second.evaluationResults()).extracting(EvaluationResult::evalActionName).containsExactly("iam:A3");
    }

    @Test
    void simulateCustomPolicyWhenManyStatementsMatchEveryRequestThenPagesStayBoundedAndTheMarkerReachesEveryAction() {
        // 100 statements that all match, 10 actions on 50 resources: each result repeats the 100 statements, so one
        // page of everything (MaxItems 1000) held 50,000 matched statements; an attacker's 60 KB request, 156 MB
        IamClient rootIam = iam(root(IssuerFixture.newAccount("simulator-amplified")));
        String everything = "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",",
                java.util.Collections.nCopies(100, "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}")) + "]}";
        List<String> actions = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "s3:Action" + i).toList();
        List<String> resources = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "arn:aws:s3:::bucket-" + i).toList();

        var first = rootIam.simulateCustomPolicy(r -> r.policyInputList(everything).actionNames(actions).resourceArns(resources).maxItems(1000));
        List<EvaluationResult> all = rootIam.simulateCustomPolicyPaginator(r -> r.policyInputList(everything).actionNames(actions)
                .resourceArns(resources).maxItems(1000)).evaluationResults().stream().toList();

        assertThat(first.isTruncated()).isTrue();
        assertThat(first.evaluationResults().stream().mapToInt(result -> result.matchedStatements().size()
                + result.resourceSpecificResults().stream().mapToInt(each -> each.matchedStatements().size()).sum()).sum())
                .isLessThanOrEqualTo(10_000);
        assertThat(all).extracting(EvaluationResult::evalActionName).containsExactlyElementsOf(actions);
        assertThat(all).allSatisfy(result -> assertThat(result.resourceSpecificResults()).hasSize(50)
                .allSatisfy(each -> assertThat(each.matchedStatements()).hasSize(100)));
        assertThatThrownBy(() -> rootIam.simulateCustomPolicy(r -> r.policyInputList(everything).actionNames("s3:GetObject")
                .resourceArns(java.util.stream.IntStream.range(0, 200).mapToObj(i -> "arn:aws:s3:::bucket-" + i).toList())))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidInput"));
    }

    @Test
    void simulateCustomPolicyWhenConditionsAreCostlyThenAPageStopsDecidingInTimeAndTheMarkerGoesOn() {
        // a pattern of 400 characters against 20 context values of 1,000: each decision costs a good part of a second,
        // and 200 of them (a 30 KB request) held a thread deciding for a minute or more
        IamClient rootIam = iam(root(IssuerFixture.newAccount("simulator-costly")));
        String pattern = "*" + "a".repeat(400) + "b";
        String costly = "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", java.util.Collections.nCopies(20,
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"aws:x\":\"" + pattern
                        + "\"}}}")) + "]}";
        ContextEntry values = ContextEntry.builder().contextKeyName("aws:x").contextKeyType(ContextKeyTypeEnum.STRING_LIST)
                .contextKeyValues(java.util.Collections.nCopies(20, "a".repeat(1000))).build();
        List<String> actions = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "s3:Action" + i).toList();

        long started = System.nanoTime();
        var first = rootIam.simulateCustomPolicy(r -> r.policyInputList(costly).contextEntries(values).actionNames(actions).maxItems(1000));
        java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
        var second = rootIam.simulateCustomPolicy(r -> r.policyInputList(costly).contextEntries(values).actionNames(actions).maxItems(1)
                .marker(first.marker()));

        assertThat(took).isLessThan(java.time.Duration.ofSeconds(15));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.evaluationResults()).isNotEmpty().hasSizeLessThan(200)
                .allSatisfy(result -> assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY));
        assertThat(second.evaluationResults()).extracting(EvaluationResult::evalActionName)
                .containsExactly(actions.get(first.evaluationResults().size()));
        assertThatThrownBy(() -> rootIam.simulateCustomPolicy(r -> r.policyInputList(costly).contextEntries(values)
                .actionNames("s3:GetObject").resourceArns(java.util.stream.IntStream.range(0, 200).mapToObj(i -> "arn:aws:s3:::b" + i)
                        .toList()))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidInput"));
    }

    @Test
    void simulateWhenInputBadOrForbiddenThenIamErrorsNeverServerErrors() {
        NewAccount account = IssuerFixture.newAccount("simulator-errors");
        NewAccount other = IssuerFixture.newAccount("simulator-other");
        IamClient rootIam = iam(root(account));
        iam(root(other)).createUser(r -> r.userName("theirs"));
        rootIam.createUser(r -> r.userName("nobody"));
        var key = rootIam.createAccessKey(r -> r.userName("nobody")).accessKey();
        String mine = "arn:aws:iam::" + account.accountId() + ":user/nobody";

        assertThatThrownBy(() -> rootIam.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::" + account.accountId()
                + ":user/ghost").actionNames("iam:GetUser"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        assertThatThrownBy(() -> rootIam.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::" + other.accountId()
                + ":user/theirs").actionNames("iam:GetUser"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> iam(credentials(key.accessKeyId(), key.secretAccessKey())).simulatePrincipalPolicy(r ->
                r.policySourceArn(mine).actionNames("iam:GetUser"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> iam(credentials(key.accessKeyId(), key.secretAccessKey())).simulateCustomPolicy(r ->
                r.policyInputList(allow("\"*\"", "*")).actionNames("iam:GetUser")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        for (Consumer<IamClient> bad : List.<Consumer<IamClient>>of(
                c -> c.simulateCustomPolicy(r -> r.policyInputList("{not json").actionNames("iam:GetUser")),
                c -> c.simulateCustomPolicy(r -> r.policyInputList(allow("\"*\"", "*")).actionNames("GetUser")),
                c -> c.simulateCustomPolicy(r -> r.policyInputList(allow("\"*\"", "*")).actionNames("iam:GetUser")
                        .resourcePolicy("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}")),
                c -> c.simulateCustomPolicy(r -> r.policyInputList(allow("\"*\"", "*")).actionNames("iam:GetUser")
                        .callerArn("arn:aws:sts::" + account.accountId() + ":assumed-role/r/s")),
                c -> c.simulateCustomPolicy(r -> r.policyInputList(allow("\"*\"", "*")).actionNames("iam:GetUser")
                        .contextEntries(entry("aws:CurrentTime", ContextKeyTypeEnum.DATE, "yesterday"))),
                c -> c.simulateCustomPolicy(r -> r.policyInputList(allow("\"*\"", "*")).actionNames("iam:GetUser")
                        .contextEntries(entry("aws:SourceIp", ContextKeyTypeEnum.IP, "evil.example.com"))),
                c -> c.simulateCustomPolicy(r -> r.policyInputList(allow("\"*\"", "*")).actionNames("iam:GetUser")
                        .contextEntries(entry("aws:SourceIp", ContextKeyTypeEnum.IP, "10.0.0.0/99"))),
                c -> c.simulateCustomPolicy(r -> r.policyInputList(allow("\"*\"", "*")).actionNames("iam:GetUser")
                        .contextEntries(entry("aws:x", ContextKeyTypeEnum.BINARY, "not base64!"))),
                c -> c.simulateCustomPolicy(r -> r.policyInputList(allow("\"*\"", "*")).actionNames("iam:GetUser")
                        .resourceHandlingOption("EC2-Nowhere")),
                c -> c.simulateCustomPolicy(r -> r.policyInputList(allow("\"*\"", "*"))
                        .actionNames(java.util.stream.IntStream.range(0, 40).mapToObj(i -> "iam:A" + i).toList())
                        .resourceArns(java.util.stream.IntStream.range(0, 30).mapToObj(i -> "arn:aws:s3:::b" + i).toList())),
                c -> c.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:sts::" + account.accountId() + ":assumed-role/r/s")
                        .actionNames("iam:GetUser")))) {
            assertThatThrownBy(() -> bad.accept(rootIam)).satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidInput"));
        }
        assertThatThrownBy(() -> rootIam.simulateCustomPolicy(r -> r.policyInputList(allow("\"*\"", "*"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
    }

    @Test
    void getContextKeysForPrincipalPolicyWhenUserAndGroupPoliciesThenTheirConditionKeys() {
        NewAccount account = IssuerFixture.newAccount("simulator-keys");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("u"));
        rootIam.createGroup(r -> r.groupName("g"));
        rootIam.addUserToGroup(r -> r.groupName("g").userName("u"));
        rootIam.putUserPolicy(r -> r.userName("u").policyName("mfa").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*",
                 "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}}"""));
        rootIam.putGroupPolicy(r -> r.groupName("g").policyName("tag").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*",
                 "Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}}"""));

        assertThat(rootIam.getContextKeysForPrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::" + account.accountId() + ":user/u"))
                .contextKeyNames()).containsExactlyInAnyOrder("aws:MultiFactorAuthPresent", "aws:PrincipalTag/team");
    }

    private static ContextEntry entry(String key, ContextKeyTypeEnum type, String value) {
        return ContextEntry.builder().contextKeyName(key).contextKeyType(type).contextKeyValues(value).build();
    }
}
