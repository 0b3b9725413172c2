package dev.mayfly.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.testing.NameLookups;
import org.junit.jupiter.api.Test;

/** Address blocks as IpAddress conditions, workloads' allowed sources and the issuer's settings name them. */
class IpBlockTest {

    private static boolean contains(String block, String address) {
        return IpBlock.parse(block).contains(IpLiteral.parse(address));
    }

    @Test
    void containsWhenAddressInBlockThenTrueAndOutsideThenFalse() {
        assertThat(contains("10.0.0.0/8", "10.200.3.4")).isTrue();
        assertThat(contains("10.0.0.0/8", "11.0.0.1")).isFalse();
        assertThat(contains("192.168.1.128/25", "192.168.1.200")).isTrue();
        assertThat(contains("192.168.1.128/25", "192.168.1.127")).isFalse();
        assertThat(contains("127.0.0.1", "127.0.0.1")).isTrue();
        assertThat(contains("127.0.0.1", "127.0.0.2")).isFalse();
        assertThat(contains("0.0.0.0/0", "203.0.113.7")).isTrue();
        assertThat(contains("2001:db8::/32", "2001:db8:1::5")).isTrue();
        assertThat(contains("2001:db8::/32", "2001:db9::1")).isFalse();
        assertThat(contains("::/0", "::1")).isTrue();
    }

    @Test
    void containsWhenTheOtherFamilyThenFalse() {
        assertThat(contains("2001:db8::/32", "10.0.0.1")).isFalse();
        assertThat(contains("203.0.113.0/24", "2001:db8::1")).isFalse();
        assertThat(contains("::/0", "10.0.0.1")).isFalse();
    }

    /** InetAddress reads an IPv4-mapped IPv6 address as the IPv4 address it carries. */
    @Test
    void containsWhenIpv4MappedIpv6AddressThenAsItsIpv4Address() {
        assertThat(contains("10.0.0.0/8", "::ffff:10.1.2.3")).isTrue();
    }

    @Test
    void parseWhenNotALiteralAddressOrBadPrefixThenRefused() {
        for (String bad : new String[] {"example.com", "localhost", "", "10.0.0/8", "10.0.0.0/33", "::1/129", "1.2.3.4/-1", "1.2.3.4/",
                "1.2.3.4/+8", "1.2.3.4/0008", "10.0.0.0/8/8", " 10.0.0.0/8", "fe80::1%eth0", "::ffff:1.2.3.4/96"}) {
            assertThatThrownBy(() -> IpBlock.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not an IP address or CIDR block: " + bad);
        }
    }

    /** Found by the property suites: InetAddress looks up as a host name what it cannot read as an address. */
    @Test
    void parseWhenAnOctetIsPast255OrColonTextStartsWithADotThenRefusedWithoutALookup() {
        assertThatThrownBy(() -> IpBlock.parse("999.1.1.7/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpLiteral.parse(".00007:")).isInstanceOf(IllegalArgumentException.class);

        assertThat(NameLookups.lookedUp("999.1.1.7")).isFalse();
        assertThat(NameLookups.lookedUp(".00007:")).isFalse();
    }

    /** The test above shows nothing unless this module's tests resolve names through NameLookups (its service file). */
    @Test
    void nameLookupsWhenTestsRunThenInstalled() {
        assertThat(NameLookups.installed()).isTrue();
    }

    @Test
    void toStringWhenParsedThenAddressAsWrittenAndPrefixLength() {
        assertThat(IpBlock.parse("10.1.2.3/8")).hasToString("10.1.2.3/8");
        assertThat(IpBlock.parse("127.0.0.1")).hasToString("127.0.0.1/32");
        assertThat(IpBlock.parse("2001:db8::/32")).hasToString("2001:db8:0:0:0:0:0:0/32");
        assertThat(IpBlock.parse(IpBlock.parse("2001:db8::/32").toString())).hasToString("2001:db8:0:0:0:0:0:0/32");
    }
}
