package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpLimitsTest {

    @Test
    void fromWhenNothingIsSetThenTheDefaults() {
        assertThat(HttpLimits.from(Settings.of(Map.of()))).isEqualTo(HttpLimits.DEFAULTS);
    }

    @Test
    void fromWhenEachIsSetThenEachIsTaken() {
        HttpLimits limits = HttpLimits.from(Settings.of(Map.of("MAYFLY_HTTP_REQUEST_SECONDS", "5", "MAYFLY_HTTP_MAX_CONNECTIONS", "50",
                "MAYFLY_HTTP_MAX_HEADERS", "20", "MAYFLY_HTTP_MAX_HEADER_BYTES", "4096", "MAYFLY_HTTP_MAX_REQUESTS_PER_SOURCE", "8")));

        assertThat(limits).isEqualTo(new HttpLimits(5, 50, 20, 4096, 8));
    }

    @Test
    void fromWhenALimitIsZeroThenRefused() {
        assertThatThrownBy(() -> HttpLimits.from(Settings.of(Map.of("MAYFLY_HTTP_MAX_REQUESTS_PER_SOURCE", "0"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
