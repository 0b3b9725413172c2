package dev.mayfly.audit.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.detection.DetectionSettings.Response;
import dev.mayfly.audit.detection.DetectionSettings.Setting;
import dev.mayfly.audit.detection.Finding.ResponseRequest;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What rule a finding asks for: only ever one naming a principal of the finding's own account. */
class ResponsesTest {

    private static final String ACCOUNT = "111111111111";
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final Responses responses = new Responses();

    @Test
    void planWhenUserOfTheAccountQuarantinedThenPrincipalRuleUntilTheSettingsSay() throws IOException {
        ResponseRequest plan = plan(Response.QUARANTINE, """
                {"type":"IAMUser","principalId":"AIDA","arn":"arn:aws:iam::111111111111:user/mallory","accountId":"111111111111"}""", NOW);

        assertThat(plan.scope()).isEqualTo("Principal");
        assertThat(plan.target()).isEqualTo("arn:aws:iam::111111111111:user/mallory");
        assertThat(plan.until()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(plan.ruleId()).isEqualTo(Finding.ruleIdOf("f-1"));
        assertThat(plan.status()).isEqualTo("Requested");
    }

    @Test
    void planWhenAssumedRoleThenQuarantineNamesTheRoleAndRevocationTheSession() throws IOException {
        String session = """
                {"type":"AssumedRole","arn":"arn:aws:sts::111111111111:assumed-role/ops/s","accountId":"111111111111",
                 "sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111111111111:role/ops","accountId":"111111111111"}}}""";

        ResponseRequest quarantine = plan(Response.QUARANTINE, session, NOW);
        ResponseRequest revocation = plan(Response.REVOKE, session, NOW);

        assertThat(quarantine.scope()).isEqualTo("Role");
        assertThat(quarantine.target()).isEqualTo("arn:aws:iam::111111111111:role/ops");
        assertThat(revocation.scope()).isEqualTo("Principal");
        assertThat(revocation.target()).isEqualTo("arn:aws:sts::111111111111:assumed-role/ops/s");
        assertThat(revocation.until()).isNull();
    }

    @Test
    void planWhenThePrincipalIsOfAnotherAccountThenNoRule() throws IOException {
        ResponseRequest inbound = plan(Response.QUARANTINE, "{\"type\":\"AWSAccount\",\"principalId\":\"AIDA\",\"accountId\":\"222222222222\"}", NOW);
        ResponseRequest forged = plan(Response.REVOKE, """
                {"type":"IAMUser","arn":"arn:aws:iam::222222222222:user/victim","accountId":"111111111111"}""", NOW);

        assertThat(inbound.requested()).isFalse();
        assertThat(inbound.status()).isEqualTo("NotApplicable");
        assertThat(forged.requested()).as("an ARN of another account, whatever accountId says").isFalse();
    }

    @Test
    void planWhenTheCallIsOldOrNoResponseIsSetThenNoRule() throws IOException {
        String user = "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111111111111:user/u\",\"accountId\":\"111111111111\"}";

        assertThat(plan(Response.QUARANTINE, user, NOW.minus(Duration.ofHours(2))).requested()).isFalse();
        assertThat(plan(Response.NONE, user, NOW).action()).isEqualTo("None");
        assertThat(plan(Response.QUARANTINE, "{\"type\":\"WebIdentityUser\",\"accountId\":\"111111111111\"}", NOW).requested()).isFalse();
    }

    private ResponseRequest plan(Response response, String identity, Instant eventTime) throws IOException {
        JsonNode node = Json.mapper().readTree(identity);
        return responses.plan("f-1", ACCOUNT, new Setting(true, 5, Duration.ofMinutes(1), response, Duration.ofMinutes(10)), node, eventTime, NOW);
    }
}
