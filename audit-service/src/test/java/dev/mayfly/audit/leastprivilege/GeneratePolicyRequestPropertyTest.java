package dev.mayfly.audit.leastprivilege;

import dev.mayfly.audit.HostileInput;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever body a caller sends GeneratePolicy or ListPrincipalActivity, its principal and window are read, or refused with a 4xx. */
class GeneratePolicyRequestPropertyTest {

    @Property
    void readWhenAnyBodyThenPrincipalAndWindowOrClientError(@ForAll("bodies") String body) {
        HostileInput.readOrRefused(body, json -> {
            ActivityWindow.from(json, Instant.parse("2026-12-07T00:00:00Z"));
            TrailPrincipal.of(json.path("PrincipalArn").isTextual() ? json.get("PrincipalArn").asText() : null, "111122223333");
        });
    }

    @Provide
    Arbitrary<String> bodies() {
        return HostileInput.bodies(List.of("PrincipalArn", "StartTime", "EndTime"));
    }
}
