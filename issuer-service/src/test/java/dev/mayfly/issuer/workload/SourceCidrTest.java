package dev.mayfly.issuer.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.runtime.AwsServiceException;
import org.junit.jupiter.api.Test;

class SourceCidrTest {

    @Test
    void containsWhenAddressInBlockThenTrueAndOutsideThenFalse() {
        assertThat(SourceCidr.parse("10.0.0.0/8").contains("10.200.3.4")).isTrue();
        assertThat(SourceCidr.parse("10.0.0.0/8").contains("11.0.0.1")).isFalse();
        assertThat(SourceCidr.parse("192.168.1.128/25").contains("192.168.1.200")).isTrue();
        assertThat(SourceCidr.parse("192.168.1.128/25").contains("192.168.1.127")).isFalse();
        assertThat(SourceCidr.parse("127.0.0.1").contains("127.0.0.1")).isTrue();
        assertThat(SourceCidr.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(SourceCidr.parse("2001:db8::/32").contains("10.0.0.1")).isFalse();
        assertThat(SourceCidr.parse("0.0.0.0/0").contains("203.0.113.7")).isTrue();
    }

    @Test
    void parseWhenNotALiteralAddressOrBadPrefixThenValidationErrorWithoutResolvingNames() {
        for (String bad : new String[] {"example.com", "10.0.0.0/33", "10.0.0/8", "", "::1/129", "1.2.3.4/-1"}) {
            assertThatThrownBy(() -> SourceCidr.parse(bad)).as(bad).isInstanceOf(AwsServiceException.class)
                    .hasMessageContaining("AllowedSourceCidrs");
        }
        assertThat(SourceCidr.parse("10.1.2.3/8")).hasToString("10.1.2.3/8");
    }
}
