package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI's own accessanalyzer commands against the issuer, as the README shows them: botocore's model builds the
 * requests and parses the answers (timestamps, maps, errors). Skipped where no {@code aws} is on the PATH.
 */
class AccessAnalyzerCliTest {

    private static boolean cliAvailable() {
        try {
            Process version = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Run(int exit, String out) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(out);
        }
    }

    private static Run aws(NewAccount account, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", IssuerFixture.endpoint().toString(),
                "--region", "us-east-1", "--output", "json", "accessanalyzer"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", account.accessKeyId());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", account.secretAccessKey());
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    @Test
    void awsCliWhenCreatingAnalyzerListingGettingAndArchivingFindingsThenItParsesEveryAnswer() throws Exception {
        assumeTrue(cliAvailable(), "the AWS CLI is not installed");
        NewAccount account = IssuerFixture.newAccount("analyzer-cli");
        iam(root(account)).createRole(r -> r.roleName("partner").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",
                "Condition":{"StringEquals":{"sts:ExternalId":"x-1"}}}]}"""));

        Run created = aws(account, "create-analyzer", "--analyzer-name", "cli", "--type", "ACCOUNT");
        assertThat(created.exit()).as(created.out()).isZero();
        String arn = created.json().path("arn").asText();
        Run analyzers = aws(account, "list-analyzers");
        assertThat(analyzers.exit()).as(analyzers.out()).isZero();
        assertThat(analyzers.json().path("analyzers").get(0).path("name").asText()).isEqualTo("cli");

        Run findings = aws(account, "list-findings", "--analyzer-arn", arn, "--filter", "{\"status\":{\"eq\":[\"ACTIVE\"]}}");
        assertThat(findings.exit()).as(findings.out()).isZero();
        JsonNode finding = findings.json().path("findings").get(0);
        assertThat(finding.path("principal").path("AWS").asText()).isEqualTo("111122223333");
        assertThat(finding.path("condition").path("sts:ExternalId").asText()).isEqualTo("x-1");
        String id = finding.path("id").asText();

        Run got = aws(account, "get-finding", "--analyzer-arn", arn, "--id", id);
        assertThat(got.exit()).as(got.out()).isZero();
        assertThat(got.json().path("finding").path("resourceType").asText()).isEqualTo("AWS::IAM::Role");
        Run archived = aws(account, "update-findings", "--analyzer-arn", arn, "--status", "ARCHIVED", "--ids", id);
        assertThat(archived.exit()).as(archived.out()).isZero();
        assertThat(aws(account, "get-finding", "--analyzer-arn", arn, "--id", id).json().path("finding").path("status").asText())
                .isEqualTo("ARCHIVED");

        Run missing = aws(account, "get-analyzer", "--analyzer-name", "absent");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("ResourceNotFoundException");
        assertThat(aws(account, "delete-analyzer", "--analyzer-name", "cli").exit()).isZero();
    }
}
