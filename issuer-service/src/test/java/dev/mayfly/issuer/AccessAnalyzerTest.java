package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.storedEventsContaining;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.issuer.AccessAnalyzerCalls.Answer;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * IAM Access Analyzer for the roles' trust policies, as its API reference documents it, through requests signed as the
 * AWS CLI signs them: the analyzer's life, a finding for each principal outside the account that a trust policy lets
 * in (with the conditions that limit it, public when nothing does), kept current as roles change, archived and
 * reactivated, filtered and paged; and what another tenant, a caller without permission, or hostile input gets.
 */
class AccessAnalyzerTest {

    private static final String OTHER_ACCOUNT = "111122223333";

    private static String trust(String principal, String condition) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":%s,"Action":"sts:AssumeRole"%s}]}"""
                .formatted(principal, condition.isEmpty() ? "" : ",\"Condition\":" + condition);
    }

    private static Map<String, JsonNode> byResource(Answer answer) {
        Map<String, JsonNode> findings = new HashMap<>();
        answer.body().path("findings").forEach(f -> findings.put(f.path("resource").asText() + " " + f.path("principal"), f));
        return findings;
    }

    private static String roleArn(NewAccount account, String name) {
        return "arn:aws:iam::" + account.accountId() + ":role/" + name;
    }

    @Test
    void analyzerWhenCreatedReadListedAndDeletedThenAsAccessAnalyzerAnswers() throws Exception {
        NewAccount account = IssuerFixture.newAccount("analyzer-life");
        AccessAnalyzerCalls analyzer = new AccessAnalyzerCalls(root(account));

        Answer created = analyzer.send("PUT", "/analyzer", """
                {"analyzerName":"trust","type":"ACCOUNT","tags":{"team":"security"},"clientToken":"t-1"}""");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        String arn = created.body().path("arn").asText();
        assertThat(arn).isEqualTo("arn:aws:access-analyzer:us-east-1:" + account.accountId() + ":analyzer/trust");

        Answer again = analyzer.createAnalyzer("trust");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("ConflictException");

        JsonNode read = analyzer.send("GET", "/analyzer/trust", (String) null).body().path("analyzer");
        assertThat(read.path("arn").asText()).isEqualTo(arn);
        assertThat(read.path("name").asText()).isEqualTo("trust");
        assertThat(read.path("type").asText()).isEqualTo("ACCOUNT");
        assertThat(read.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(read.path("tags").path("team").asText()).isEqualTo("security");
        assertThat(read.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        analyzer.createAnalyzer("second");
        Answer firstPage = analyzer.send("GET", "/analyzer?maxResults=1&type=ACCOUNT", (String) null);
        assertThat(firstPage.body().path("analyzers")).hasSize(1);
        assertThat(firstPage.body().path("analyzers").get(0).path("name").asText()).isEqualTo("second");
        Answer secondPage = analyzer.send("GET", "/analyzer?maxResults=1&nextToken=" + firstPage.body().path("nextToken").asText(),
                (String) null);
        assertThat(secondPage.body().path("analyzers").get(0).path("name").asText()).isEqualTo("trust");
        assertThat(secondPage.body().has("nextToken")).isFalse();

        assertThat(analyzer.send("DELETE", "/analyzer/trust?clientToken=t-2", (String) null).status()).isEqualTo(200);
        Answer gone = analyzer.send("GET", "/analyzer/trust", (String) null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(analyzer.send("DELETE", "/analyzer/trust", (String) null).errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(analyzer.createAnalyzer("trust").status()).as("a deleted analyzer's name may be taken again").isEqualTo(200);

        Answer organization = analyzer.send("PUT", "/analyzer", "{\"analyzerName\":\"org\",\"type\":\"ORGANIZATION\"}");
        assertThat(organization.status()).isEqualTo(400);
        assertThat(organization.errorCode()).isEqualTo("ValidationException");
        assertThat(organization.body().path("reason").asText()).isEqualTo("notSupported");
        assertThat(storedEventsContaining(arn)).anySatisfy(event -> assertThat(event).contains("\"eventName\":\"CreateAnalyzer\""));
    }

    @Test
    void findingsWhenRolesTrustOutsidersThenOnePerPrincipalWithTheConditionsThatLimitIt() throws Exception {
        NewAccount account = IssuerFixture.newAccount("analyzer-findings");
        IamClient rootIam = iam(root(account));
        rootIam.createRole(r -> r.roleName("partner").assumeRolePolicyDocument(trust(
                "{\"AWS\":\"arn:aws:iam::" + OTHER_ACCOUNT + ":root\"}", "{\"StringEquals\":{\"sts:ExternalId\":\"partner-7\"}}")));
        rootIam.createRole(r -> r.roleName("ci").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::%s:oidc-provider/token.actions.githubusercontent.com"},
                "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}}}]}"""
                .formatted(account.accountId())));
        rootIam.createRole(r -> r.roleName("open").assumeRolePolicyDocument(trust("\"*\"", "")));
        rootIam.createRole(r -> r.roleName("org-only").assumeRolePolicyDocument(trust("{\"AWS\":\"*\"}",
                "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"},\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}")));
        rootIam.createRole(r -> r.roleName("own-account").assumeRolePolicyDocument(trust(
                "{\"AWS\":\"arn:aws:iam::" + account.accountId() + ":root\"}", "")));
        rootIam.createRole(r -> r.roleName("service").assumeRolePolicyDocument(trust("{\"Service\":\"ec2.amazonaws.com\"}", "")));
        rootIam.createRole(r -> r.roleName("star-bound-to-account").assumeRolePolicyDocument(trust("\"*\"",
                "{\"StringEquals\":{\"aws:PrincipalAccount\":\"" + account.accountId() + "\"}}")));

        AccessAnalyzerCalls analyzer = new AccessAnalyzerCalls(root(account));
        String arn = analyzer.createAnalyzer("roles").body().path("arn").asText();
        Answer listed = analyzer.listFindings(arn, "");
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        Map<String, JsonNode> findings = byResource(listed);
        assertThat(findings).hasSize(4);

        JsonNode partner = findings.get(roleArn(account, "partner") + " {\"AWS\":\"" + OTHER_ACCOUNT + "\"}");
        assertThat(partner.path("action").toString()).isEqualTo("[\"sts:AssumeRole\"]");
        assertThat(partner.path("condition").path("sts:ExternalId").asText()).isEqualTo("partner-7");
        assertThat(partner.path("isPublic").asBoolean()).isFalse();
        assertThat(partner.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(partner.path("resourceType").asText()).isEqualTo("AWS::IAM::Role");
        assertThat(partner.path("resourceOwnerAccount").asText()).isEqualTo(account.accountId());
        assertThat(partner.path("id").asText()).matches("[0-9a-f-]{36}");

        JsonNode ci = findings.get(roleArn(account, "ci") + " {\"Federated\":\"arn:aws:iam::" + account.accountId()
                + ":oidc-provider/token.actions.githubusercontent.com\"}");
        assertThat(ci.path("action").toString()).isEqualTo("[\"sts:AssumeRoleWithWebIdentity\"]");
        assertThat(ci.path("condition").path("token.actions.githubusercontent.com:sub").asText()).isEqualTo("repo:acme/*");

        JsonNode open = findings.get(roleArn(account, "open") + " {\"AWS\":\"*\"}");
        assertThat(open.path("isPublic").asBoolean()).isTrue();
        assertThat(open.path("condition").size()).isZero();

        JsonNode orgOnly = findings.get(roleArn(account, "org-only") + " {\"AWS\":\"*\"}");
        assertThat(orgOnly.path("isPublic").asBoolean()).as("an organization limits who").isFalse();
        assertThat(orgOnly.path("condition").path("aws:PrincipalOrgID").asText()).isEqualTo("o-abc123");
        assertThat(orgOnly.path("condition").path("aws:MultiFactorAuthPresent").asText()).isEqualTo("true");

        String id = partner.path("id").asText();
        Answer got = analyzer.send("GET", "/finding/" + id + "?analyzerArn=" + arn, (String) null);
        assertThat(got.status()).as(got.raw()).isEqualTo(200);
        assertThat(got.body().path("finding").path("resource").asText()).isEqualTo(roleArn(account, "partner"));
        assertThat(got.body().path("finding").path("analyzedAt").asText()).isNotEmpty();

        Answer publicOnly = analyzer.listFindings(arn, "\"filter\":{\"isPublic\":{\"eq\":[\"true\"]}}");
        assertThat(publicOnly.body().path("findings")).hasSize(1);
        Answer federated = analyzer.listFindings(arn, "\"filter\":{\"principal.Federated\":{\"exists\":true},\"resourceType\":{\"eq\":[\"AWS::IAM::Role\"]}}");
        assertThat(federated.body().path("findings")).hasSize(1);
        Answer withExternalId = analyzer.listFindings(arn, "\"filter\":{\"condition.sts:ExternalId\":{\"contains\":[\"partner\"]}}");
        assertThat(withExternalId.body().path("findings").get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void findingsWhenReadThroughAnotherIssuerThenTheSameIdsStatusesAndDates() throws Exception {
        NewAccount account = IssuerFixture.newAccount("analyzer-issuers");
        iam(root(account)).createRole(r -> r.roleName("shared").assumeRolePolicyDocument(trust("{\"AWS\":\"" + OTHER_ACCOUNT + "\"}", "")));
        AccessAnalyzerCalls first = new AccessAnalyzerCalls(root(account));
        String arn = first.createAnalyzer("everywhere").body().path("arn").asText();
        JsonNode here = first.listFindings(arn, "").body().path("findings");
        first.send("PUT", "/finding", "{\"analyzerArn\":\"%s\",\"status\":\"ARCHIVED\",\"ids\":[\"%s\"]}"
                .formatted(arn, here.get(0).path("id").asText()));
        here = first.listFindings(arn, "").body().path("findings");

        AccessAnalyzerCalls second = new AccessAnalyzerCalls(root(account), "access-analyzer",
                java.net.URI.create("http://127.0.0.1:" + IssuerFixture.secondIssuer().port()));
        JsonNode there = null;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Answer answer = second.listFindings(arn, "");
            if (answer.status() == 200 && answer.body().path("findings").toString().equals(here.toString())) {
                there = answer.body().path("findings");
                break;
            }
            Thread.sleep(100);
        }
        assertThat(there).as("the second issuer's findings, as its tail follows the store").isEqualTo(here);
        assertThat(there.get(0).path("status").asText()).isEqualTo("ARCHIVED");
    }

    @Test
    void findingsWhenTrustPolicyChangesOrRoleGoesThenResolvedAndNewOnesActive() throws Exception {
        NewAccount account = IssuerFixture.newAccount("analyzer-current");
        IamClient rootIam = iam(root(account));
        rootIam.createRole(r -> r.roleName("vendor").assumeRolePolicyDocument(trust("{\"AWS\":\"" + OTHER_ACCOUNT + "\"}", "")));
        rootIam.createRole(r -> r.roleName("temporary").assumeRolePolicyDocument(trust("\"*\"", "")));
        AccessAnalyzerCalls analyzer = new AccessAnalyzerCalls(root(account));
        String arn = analyzer.createAnalyzer("current").body().path("arn").asText();
        assertThat(analyzer.listFindings(arn, "").body().path("findings")).hasSize(2);

        rootIam.updateAssumeRolePolicy(r -> r.roleName("vendor").policyDocument(trust(
                "{\"AWS\":\"arn:aws:iam::" + account.accountId() + ":root\"}", "")));
        rootIam.deleteRole(r -> r.roleName("temporary"));
        rootIam.createRole(r -> r.roleName("later").assumeRolePolicyDocument(trust("{\"AWS\":\"444455556666\"}", "")));

        Map<String, String> statuses = new HashMap<>();
        analyzer.listFindings(arn, "").body().path("findings").forEach(f -> statuses.put(f.path("resource").asText(), f.path("status").asText()));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(roleArn(account, "vendor"), "RESOLVED",
                roleArn(account, "temporary"), "RESOLVED", roleArn(account, "later"), "ACTIVE"));
        Answer active = analyzer.listFindings(arn, "\"filter\":{\"status\":{\"eq\":[\"ACTIVE\"]}}");
        assertThat(active.body().path("findings")).hasSize(1);

        rootIam.updateAssumeRolePolicy(r -> r.roleName("vendor").policyDocument(trust("{\"AWS\":\"" + OTHER_ACCOUNT + "\"}", "")));
        JsonNode back = analyzer.listFindings(arn, "\"filter\":{\"resource\":{\"eq\":[\"" + roleArn(account, "vendor") + "\"]}}")
                .body().path("findings").get(0);
        assertThat(back.path("status").asText()).as("the same access found again").isEqualTo("ACTIVE");
        assertThat(back.path("updatedAt").asText()).isGreaterThanOrEqualTo(back.path("createdAt").asText());
    }

    @Test
    void updateFindingsWhenArchivedByIdsOrResourceThenArchivedUntilActivatedAgain() throws Exception {
        NewAccount account = IssuerFixture.newAccount("analyzer-archive");
        IamClient rootIam = iam(root(account));
        rootIam.createRole(r -> r.roleName("a").assumeRolePolicyDocument(trust("{\"AWS\":[\"" + OTHER_ACCOUNT + "\",\"444455556666\"]}", "")));
        AccessAnalyzerCalls analyzer = new AccessAnalyzerCalls(root(account));
        String arn = analyzer.createAnalyzer("archive").body().path("arn").asText();
        List<String> ids = new ArrayList<>();
        analyzer.listFindings(arn, "").body().path("findings").forEach(f -> ids.add(f.path("id").asText()));
        assertThat(ids).hasSize(2);

        Answer archived = analyzer.send("PUT", "/finding", """
                {"analyzerArn":"%s","status":"ARCHIVED","ids":["%s"],"clientToken":"c"}""".formatted(arn, ids.get(0)));
        assertThat(archived.status()).as(archived.raw()).isEqualTo(200);
        assertThat(analyzer.send("GET", "/finding/" + ids.get(0) + "?analyzerArn=" + arn, (String) null).body()
                .path("finding").path("status").asText()).isEqualTo("ARCHIVED");
        assertThat(analyzer.listFindings(arn, "\"filter\":{\"status\":{\"neq\":[\"ARCHIVED\"]}}").body().path("findings"))
                .extracting(f -> f.path("id").asText()).containsExactly(ids.get(1));

        analyzer.send("PUT", "/finding", "{\"analyzerArn\":\"%s\",\"status\":\"ARCHIVED\",\"resourceArn\":\"%s\"}"
                .formatted(arn, roleArn(account, "a")));
        assertThat(analyzer.listFindings(arn, "\"filter\":{\"status\":{\"eq\":[\"ARCHIVED\"]}}").body().path("findings")).hasSize(2);
        analyzer.send("PUT", "/finding", "{\"analyzerArn\":\"%s\",\"status\":\"ACTIVE\",\"ids\":[\"%s\"]}".formatted(arn, ids.get(0)));
        assertThat(analyzer.listFindings(arn, "\"filter\":{\"status\":{\"eq\":[\"ACTIVE\"]}}").body().path("findings"))
                .extracting(f -> f.path("id").asText()).containsExactly(ids.get(0));

        Answer unknown = analyzer.send("PUT", "/finding", "{\"analyzerArn\":\"%s\",\"status\":\"ARCHIVED\",\"ids\":[\"nope\"]}".formatted(arn));
        assertThat(unknown.errorCode()).isEqualTo("ResourceNotFoundException");
        Answer resolvedStatus = analyzer.send("PUT", "/finding", "{\"analyzerArn\":\"%s\",\"status\":\"RESOLVED\",\"ids\":[\"%s\"]}"
                .formatted(arn, ids.get(0)));
        assertThat(resolvedStatus.errorCode()).isEqualTo("ValidationException");
    }

    @Test
    void archiveRulesWhenTheyNameTrustedAccountsThenTheirFindingsArchivedAsFound() throws Exception {
        NewAccount account = IssuerFixture.newAccount("analyzer-zone");
        AccessAnalyzerCalls analyzer = new AccessAnalyzerCalls(root(account));
        Answer created = analyzer.send("PUT", "/analyzer", """
                {"analyzerName":"zone","type":"ACCOUNT","archiveRules":[{"ruleName":"our-other-accounts",
                 "filter":{"principal.AWS":{"eq":["%s"]}}}]}""".formatted(OTHER_ACCOUNT));
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        String arn = created.body().path("arn").asText();
        IamClient rootIam = iam(root(account));
        rootIam.createRole(r -> r.roleName("sister").assumeRolePolicyDocument(trust("{\"AWS\":\"" + OTHER_ACCOUNT + "\"}", "")));
        rootIam.createRole(r -> r.roleName("stranger").assumeRolePolicyDocument(trust("{\"AWS\":\"444455556666\"}", "")));

        Map<String, String> statuses = new HashMap<>();
        analyzer.listFindings(arn, "").body().path("findings").forEach(f -> statuses.put(f.path("resource").asText(), f.path("status").asText()));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(roleArn(account, "sister"), "ARCHIVED",
                roleArn(account, "stranger"), "ACTIVE"));
    }

    @Test
    void listFindingsWhenMaxResultsThenPagedWithNextTokenAndSorted() throws Exception {
        NewAccount account = IssuerFixture.newAccount("analyzer-pages");
        IamClient rootIam = iam(root(account));
        for (int i = 0; i < 5; i++) {
            String name = "r" + i;
            rootIam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust("{\"AWS\":\"" + OTHER_ACCOUNT + "\"}", "")));
        }
        AccessAnalyzerCalls analyzer = new AccessAnalyzerCalls(root(account));
        String arn = analyzer.createAnalyzer("pages").body().path("arn").asText();
        List<String> resources = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Answer page = analyzer.listFindings(arn, "\"maxResults\":2,\"sort\":{\"attributeName\":\"resource\",\"orderBy\":\"DESC\"}"
                    + (token == null ? "" : ",\"nextToken\":\"" + token + "\""));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("findings").forEach(f -> resources.add(f.path("resource").asText()));
            token = page.body().path("nextToken").asText(null);
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(resources).containsExactly(roleArn(account, "r4"), roleArn(account, "r3"), roleArn(account, "r2"),
                roleArn(account, "r1"), roleArn(account, "r0"));
        assertThat(analyzer.listFindings(arn, "\"nextToken\":\"forged\"").errorCode()).isEqualTo("ValidationException");
        assertThat(analyzer.listFindings(arn, "\"maxResults\":0").errorCode()).isEqualTo("ValidationException");
    }

    @Test
    void anotherTenantWhenNamingAnAnalyzerOrFindingOfAnotherAccountThenNotFoundAndNothingChanges() throws Exception {
        NewAccount owner = IssuerFixture.newAccount("analyzer-owner");
        iam(root(owner)).createRole(r -> r.roleName("x").assumeRolePolicyDocument(trust("{\"AWS\":\"" + OTHER_ACCOUNT + "\"}", "")));
        AccessAnalyzerCalls ownerCalls = new AccessAnalyzerCalls(root(owner));
        String arn = ownerCalls.createAnalyzer("private").body().path("arn").asText();
        String id = ownerCalls.listFindings(arn, "").body().path("findings").get(0).path("id").asText();

        NewAccount intruder = IssuerFixture.newAccount("analyzer-intruder");
        AccessAnalyzerCalls intruderCalls = new AccessAnalyzerCalls(root(intruder));
        List<Answer> refused = List.of(intruderCalls.listFindings(arn, ""),
                intruderCalls.send("GET", "/finding/" + id + "?analyzerArn=" + arn, (String) null),
                intruderCalls.send("PUT", "/finding", "{\"analyzerArn\":\"%s\",\"status\":\"ARCHIVED\",\"ids\":[\"%s\"]}".formatted(arn, id)),
                intruderCalls.send("GET", "/analyzer/private", (String) null),
                intruderCalls.send("DELETE", "/analyzer/private", (String) null));
        for (Answer answer : refused) {
            assertThat(answer.status()).as(answer.raw()).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("ResourceNotFoundException");
            assertThat(answer.raw()).doesNotContain(owner.accountId() + ":role");
        }
        assertThat(intruderCalls.send("GET", "/analyzer", (String) null).body().path("analyzers")).isEmpty();
        assertThat(ownerCalls.send("GET", "/finding/" + id + "?analyzerArn=" + arn, (String) null).body()
                .path("finding").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(ownerCalls.send("GET", "/analyzer/private", (String) null).status()).isEqualTo(200);
    }

    @Test
    void callerWhenPoliciesAllowOnlySomeActionsThenOthersAccessDeniedAndRecorded() throws Exception {
        NewAccount account = IssuerFixture.newAccount("analyzer-authz");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("auditor"));
        rootIam.putUserPolicy(r -> r.userName("auditor").policyName("read").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["access-analyzer:List*","access-analyzer:Get*"],"Resource":"*"}]}"""));
        var key = rootIam.createAccessKey(r -> r.userName("auditor")).accessKey();
        AccessAnalyzerCalls auditor = new AccessAnalyzerCalls(IssuerFixture.credentials(key.accessKeyId(), key.secretAccessKey()));
        new AccessAnalyzerCalls(root(account)).createAnalyzer("audited");

        assertThat(auditor.send("GET", "/analyzer", (String) null).body().path("analyzers")).hasSize(1);
        Answer denied = auditor.createAnalyzer("auditor-own-zzq");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(auditor.send("DELETE", "/analyzer/audited", (String) null).errorCode()).isEqualTo("AccessDeniedException");
        assertThat(storedEventsContaining("auditor-own-zzq")).anySatisfy(event -> assertThat(event)
                .contains("\"errorCode\":\"AccessDeniedException\"").contains("\"eventName\":\"CreateAnalyzer\""));
    }

    @Test
    void hostileRequestsWhenMalformedOversizeOrUnsignedThenAwsErrorsNeverServerErrors() throws Exception {
        NewAccount account = IssuerFixture.newAccount("analyzer-hostile");
        AccessAnalyzerCalls analyzer = new AccessAnalyzerCalls(root(account));
        String arn = analyzer.createAnalyzer("target").body().path("arn").asText();
        Map<String, Answer> answers = new java.util.LinkedHashMap<>();
        answers.put("not JSON", analyzer.send("PUT", "/analyzer", "{not json"));
        answers.put("array body", analyzer.send("POST", "/finding", "[1,2]"));
        answers.put("name a number", analyzer.send("PUT", "/analyzer", "{\"analyzerName\":7,\"type\":\"ACCOUNT\"}"));
        answers.put("bad name", analyzer.send("PUT", "/analyzer", "{\"analyzerName\":\"-x\",\"type\":\"ACCOUNT\"}"));
        answers.put("long name", analyzer.send("PUT", "/analyzer", "{\"analyzerName\":\"a" + "b".repeat(300) + "\",\"type\":\"ACCOUNT\"}"));
        answers.put("no type", analyzer.send("PUT", "/analyzer", "{\"analyzerName\":\"t\"}"));
        answers.put("unknown type", analyzer.send("PUT", "/analyzer", "{\"analyzerName\":\"t\",\"type\":\"EVERYTHING\"}"));
        answers.put("tags not a map", analyzer.send("PUT", "/analyzer", "{\"analyzerName\":\"t\",\"type\":\"ACCOUNT\",\"tags\":[1]}"));
        answers.put("rule without filter", analyzer.send("PUT", "/analyzer",
                "{\"analyzerName\":\"t\",\"type\":\"ACCOUNT\",\"archiveRules\":[{\"ruleName\":\"r\"}]}"));
        answers.put("no analyzerArn", analyzer.send("POST", "/finding", "{}"));
        answers.put("analyzerArn a list", analyzer.send("POST", "/finding", "{\"analyzerArn\":[\"x\"]}"));
        answers.put("analyzerArn malformed", analyzer.listFindings("arn:aws:s3:::bucket", ""));
        answers.put("unknown filter key", analyzer.listFindings(arn, "\"filter\":{\"owner\":{\"eq\":[\"x\"]}}"));
        answers.put("criterion empty", analyzer.listFindings(arn, "\"filter\":{\"status\":{}}"));
        answers.put("eq not a list", analyzer.listFindings(arn, "\"filter\":{\"status\":{\"eq\":\"ACTIVE\"}}"));
        answers.put("maxResults a string", analyzer.listFindings(arn, "\"maxResults\":\"10\""));
        answers.put("sort unknown", analyzer.listFindings(arn, "\"sort\":{\"attributeName\":\"secret\"}"));
        answers.put("maxResults query", analyzer.send("GET", "/analyzer?maxResults=many", (String) null));
        answers.put("forged token", analyzer.send("GET", "/analyzer?nextToken=a%2Bb%2F%3D", (String) null));
        answers.put("no analyzerArn query", analyzer.send("GET", "/finding/abc", (String) null));
        answers.put("no ids nor resource", analyzer.send("PUT", "/finding", "{\"analyzerArn\":\"%s\",\"status\":\"ARCHIVED\"}".formatted(arn)));
        answers.put("ids numbers", analyzer.send("PUT", "/finding", "{\"analyzerArn\":\"%s\",\"status\":\"ARCHIVED\",\"ids\":[1]}".formatted(arn)));
        for (Map.Entry<String, Answer> answer : answers.entrySet()) {
            assertThat(answer.getValue().status()).as(answer.getKey() + ": " + answer.getValue().raw()).isEqualTo(400);
            assertThat(answer.getValue().errorCode()).as(answer.getKey()).isEqualTo("ValidationException");
            assertThat(answer.getValue().raw()).as(answer.getKey()).doesNotContain("Exception:").doesNotContain("\tat ");
        }

        Answer unknownAnalyzer = analyzer.listFindings(arn.replace("/target", "/absent"), "");
        assertThat(unknownAnalyzer.status()).isEqualTo(404);
        assertThat(unknownAnalyzer.errorCode()).isEqualTo("ResourceNotFoundException");
        Answer unknownFinding = analyzer.send("GET", "/finding/00000000-0000-0000-0000-000000000000?analyzerArn=" + arn, (String) null);
        assertThat(unknownFinding.errorCode()).isEqualTo("ResourceNotFoundException");

        Answer oversize = analyzer.send("PUT", "/analyzer", "{\"analyzerName\":\"t\",\"type\":\"ACCOUNT\",\"tags\":{\"k\":\"" + "v".repeat(70_000) + "\"}}");
        assertThat(oversize.status()).as(oversize.raw()).isBetween(400, 499);

        Answer noOperation = analyzer.send("GET", "/finding/a/b", (String) null);
        assertThat(noOperation.status()).isEqualTo(404);
        assertThat(noOperation.errorCode()).isEqualTo("UnknownOperationException");

        for (String[] unserved : List.of(new String[] {"POST", "/findingv2"}, new String[] {"GET", "/findingv2/x"},
                new String[] {"POST", "/analyzed-resource"}, new String[] {"POST", "/policy/validation"},
                new String[] {"PUT", "/analyzer/target/archive-rule"}, new String[] {"PUT", "/access-preview"})) {
            Answer answer = analyzer.send(unserved[0], unserved[1], "{}");
            assertThat(answer.status()).as(unserved[1] + ": " + answer.raw()).isBetween(400, 499);
        }

        Answer unsigned = AccessAnalyzerCalls.unsigned("GET", "/analyzer", null);
        assertThat(unsigned.status()).as(unsigned.raw()).isBetween(400, 403);
        Answer signedForSts = new AccessAnalyzerCalls(root(account), "sts").send("GET", "/analyzer", (String) null);
        assertThat(signedForSts.status()).as("a signature for another service: " + signedForSts.raw()).isBetween(400, 403);
        assertThat(storedEventsContaining("\"eventSource\":\"access-analyzer.amazonaws.com\"")).anySatisfy(event ->
                assertThat(event).contains("\"errorCode\":\"ValidationException\""));
    }

    @Test
    void findingsViewWhenFetchedThenItsPagesFromThisOriginUnderAStrictPolicy() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String file : List.of("", "findings.js", "sigv4.js", "console.css")) {
            java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(IssuerFixture.endpoint() + "/mayfly/access-analyzer/" + file)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(file).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("connect-src 'self'");
        }
        java.net.http.HttpResponse<String> signer = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(IssuerFixture.endpoint() + "/mayfly/access-analyzer/sigv4.js")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signer.body()).contains("export async function signedHeaders");
        for (String absent : List.of("/mayfly/access-analyzer/../admin", "/mayfly/access-analyzer/other.js", "/mayfly/access-analyzerx")) {
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(IssuerFixture.endpoint() + absent)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as(absent).isEqualTo(404);
        }
    }
}
