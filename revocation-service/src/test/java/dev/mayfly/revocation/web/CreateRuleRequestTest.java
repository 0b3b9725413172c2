package dev.mayfly.revocation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.contract.AccessKeyIds;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule.Scope;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Rules that could never take effect are refused with a validation error, never stored. */
class CreateRuleRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String ACCOUNT = "111122223333";

    private static CreateRuleRequest from(String json) throws Exception {
        return CreateRuleRequest.from(Json.mapper().readTree(json), ACCOUNT, NOW);
    }

    private static String key(String prefix, String account) {
        return prefix + AccessKeyIds.encodedAccount(account) + "ABCDEFGH";
    }

    @Test
    void fromWhenAccessKeyOfTheCallersAccountThenAcceptedLongTermOrSession() throws Exception {
        assertThat(from("{\"Scope\":\"AccessKey\",\"Target\":\"" + key("AKIA", ACCOUNT) + "\"}").scope()).isEqualTo(Scope.ACCESS_KEY);
        assertThat(from("{\"Scope\":\"AccessKey\",\"Target\":\"" + key("ASIA", ACCOUNT) + "\"}").target()).isEqualTo(key("ASIA", ACCOUNT));
    }

    @Test
    void fromWhenAccessKeyOfAnotherAccountOrOfNoAccountThenValidationError() {
        for (String target : new String[] {key("AKIA", "444455556666"), key("ASIA", "444455556666"), "AKIAZZZZZZZZZZZZZZZZ"}) {
            assertThatThrownBy(() -> from("{\"Scope\":\"AccessKey\",\"Target\":\"" + target + "\"}")).as(target)
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
        }
    }

    @Test
    void fromWhenIssuedBeforeLongerAgoThanTheLongestSessionThenValidationError() throws Exception {
        String longAgo = NOW.minusSeconds(CreateRuleRequest.LONGEST_SESSION_SECONDS).toString();
        assertThatThrownBy(() -> from("{\"Scope\":\"Account\",\"Target\":\"" + ACCOUNT + "\",\"IssuedBefore\":\"" + longAgo + "\"}"))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
        String recently = NOW.minusSeconds(3600).toString();
        assertThat(from("{\"Scope\":\"Account\",\"Target\":\"" + ACCOUNT + "\",\"IssuedBefore\":\"" + recently + "\"}").expiresAt())
                .isAfter(NOW);
    }
}
