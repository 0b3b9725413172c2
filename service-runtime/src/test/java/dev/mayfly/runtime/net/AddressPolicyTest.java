package dev.mayfly.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses an identity provider's keys may be fetched from. Literal addresses only: no name is resolved. */
class AddressPolicyTest {

    private static final List<String> NOT_PUBLIC = List.of("127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "fe80::1", "fd00::1", "fc00::1",
            "fd00:ec2::254", "::7f00:1");
    private static final List<String> NEVER = List.of("0.0.0.0", "::", "224.0.0.1", "239.255.255.250", "ff02::1");
    private static final List<String> PUBLIC = List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "192.169.0.1", "2001:4860:4860::8888");

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void permitsWhenPublicOnlyThenRefusesLoopbackLinkLocalPrivateAndMetadataAddresses() throws Exception {
        AddressPolicy policy = AddressPolicy.publicOnly();
        for (String literal : NOT_PUBLIC) {
            assertThat(policy.permits(address(literal))).as(literal).isFalse();
        }
        for (String literal : NEVER) {
            assertThat(policy.permits(address(literal))).as(literal).isFalse();
        }
        for (String literal : PUBLIC) {
            assertThat(policy.permits(address(literal))).as(literal).isTrue();
        }
    }

    @Test
    void permitsWhenIpv4MappedIpv6AddressThenJudgedAsTheIpv4AddressItCarries() throws Exception {
        byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffff0a010203");
        assertThat(AddressPolicy.publicOnly().permits(Inet6Address.getByAddress(null, mapped, -1))).isFalse();
        byte[] mappedPublic = HexFormat.of().parseHex("00000000000000000000ffff08080808");
        assertThat(AddressPolicy.publicOnly().permits(Inet6Address.getByAddress(null, mappedPublic, -1))).isTrue();
    }

    @Test
    void permitsWhenPrivateAllowedThenLoopbackAndPrivateTooButNeverUnspecifiedOrMulticast() throws Exception {
        AddressPolicy policy = AddressPolicy.parse("true");
        for (String literal : NOT_PUBLIC) {
            assertThat(policy.permits(address(literal))).as(literal).isTrue();
        }
        for (String literal : NEVER) {
            assertThat(policy.permits(address(literal))).as(literal).isFalse();
        }
        assertThat(policy.permits(address("8.8.8.8"))).isTrue();
    }

    @Test
    void permitsWhenBlocksAllowedThenThoseBesidePublicAddressesAndNoOthers() throws Exception {
        AddressPolicy policy = AddressPolicy.parse("10.20.0.0/16, fd00:1::/32,127.0.0.1");
        assertThat(policy.permits(address("10.20.7.8"))).isTrue();
        assertThat(policy.permits(address("fd00:1::5"))).isTrue();
        assertThat(policy.permits(address("127.0.0.1"))).isTrue();
        assertThat(policy.permits(address("8.8.8.8"))).isTrue();
        assertThat(policy.permits(address("10.21.0.1"))).isFalse();
        assertThat(policy.permits(address("127.0.0.2"))).isFalse();
        assertThat(policy.permits(address("169.254.169.254"))).isFalse();
    }

    @Test
    void parseWhenFalseOrNothingThenPublicOnly() throws Exception {
        for (String setting : new String[] {"false", "FALSE", "", " "}) {
            assertThat(AddressPolicy.parse(setting).permits(address("127.0.0.1"))).as(setting).isFalse();
        }
    }

    @Test
    void parseWhenNeitherBooleanNorAddressBlocksThenRefusedWithoutResolvingNames() {
        for (String bad : new String[] {"yes", "localhost", "example.com", "10.0.0.0/33", "10.0.0/8", "::1/129", "10.0.0.0/8,"}) {
            assertThatThrownBy(() -> AddressPolicy.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
