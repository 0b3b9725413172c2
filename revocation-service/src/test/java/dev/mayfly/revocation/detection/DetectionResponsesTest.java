package dev.mayfly.revocation.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.contract.DetectionResponse;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import dev.mayfly.revocation.query.RuleDirectory;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DetectionResponsesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String FULL = "000000000001";
    private static final String OTHER = "000000000002";

    @Test
    void checkedWhenAccountHoldsAsManyRulesAsItMayThenLimitExceededForItAlone() {
        RuleDirectory rules = new RuleDirectory();
        for (int i = 0; i < RuleDirectory.MAX_RULES_PER_ACCOUNT; i++) {
            rules.apply(new RuleCreated(new RevocationRule("rr-" + i, FULL, RevocationRule.Scope.ACCOUNT, FULL, NOW, NOW,
                    DetectionResponses.SERVICE_PRINCIPAL, "", NOW.plusSeconds(3600), RevocationRule.Kind.REVOKE)));
        }

        assertThatThrownBy(() -> DetectionResponses.checked(DetectionResponses.request(rootRevoked(FULL)), FULL, rules, NOW))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.code()).isEqualTo("LimitExceededException"));
        assertThat(DetectionResponses.checked(DetectionResponses.request(rootRevoked(OTHER)), OTHER, rules, NOW).target())
                .isEqualTo("arn:aws:iam::" + OTHER + ":root");
    }

    /** What a RootUsage detection set to Revoke asks for at each root call. */
    private static DetectionResponse rootRevoked(String account) {
        return new DetectionResponse("f-" + account, "rr-00000000-0000-0000-0000-000000000000", account, "RootUsage", "Revoke",
                "Principal", "arn:aws:iam::" + account + ":root", null, NOW);
    }
}
