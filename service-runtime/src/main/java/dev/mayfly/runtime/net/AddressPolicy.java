package dev.mayfly.runtime.net;

import dev.mayfly.policy.IpBlock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses a service may connect to when a tenant chose the URL: the issuer fetching an identity provider's
 * documents, the audit service posting a detection's webhook. Whoever registers an OpenID Connect provider or a webhook
 * chooses the URL the service connects to (and a provider's discovery document chooses the JWKS URL), so without this
 * anyone allowed to do so could make the service call into its own network: the cloud metadata service at
 * 169.254.169.254, admin endpoints on loopback, private services. Addresses that are not public (loopback, link-local,
 * private, carrier-grade NAT, reserved) are refused unless the operator allows them (MAYFLY_OIDC_ALLOW_PRIVATE_ADDRESSES,
 * MAYFLY_DETECTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: true, or blocks such as 10.20.0.0/16). Unspecified and multicast
 * addresses are refused always: nothing a service should call answers there.
 */
public final class AddressPolicy {

    /** IANA's special-purpose blocks that reach hosts of one's own network; ::/96 holds ::1 and IPv4-compatible addresses. */
    private static final List<IpBlock> NON_PUBLIC = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "240.0.0.0/4",
            "::/96", "fc00::/7", "fe80::/10", "fec0::/10").stream().map(IpBlock::parse).toList();
    private static final List<IpBlock> EVERYTHING = List.of(IpBlock.parse("0.0.0.0/0"), IpBlock.parse("::/0"));

    /** The non-public blocks the operator allows; empty for public addresses only. */
    private final List<IpBlock> allowedNonPublic;

    private AddressPolicy(List<IpBlock> allowedNonPublic) {
        this.allowedNonPublic = List.copyOf(allowedNonPublic);
    }

    /** Public addresses only: what a deployment gets unless its operator says otherwise. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of());
    }

    /** Every unicast address, private and loopback too: for dev mode and tests, whose identity providers run locally. */
    public static AddressPolicy allowingPrivate() {
        return new AddressPolicy(EVERYTHING);
    }

    /**
     * The policy a setting names: "false" (or nothing) for public addresses only, "true" for private ones too, or a
     * comma-separated list of the blocks (CIDR or single addresses) that are allowed beside public addresses.
     *
     * @throws IllegalArgumentException when the setting is none of these
     */
    public static AddressPolicy parse(String setting) {
        if (setting == null || setting.isBlank() || setting.strip().equalsIgnoreCase("false")) {
            return publicOnly();
        }
        if (setting.strip().equalsIgnoreCase("true")) {
            return allowingPrivate();
        }
        return new AddressPolicy(Arrays.stream(setting.split(",", -1)).map(block -> IpBlock.parse(block.strip())).toList());
    }

    public boolean permits(InetAddress address) {
        InetAddress plain = unmapped(address);
        if (plain.isAnyLocalAddress() || plain.isMulticastAddress()) {
            return false;
        }
        return NON_PUBLIC.stream().noneMatch(block -> block.contains(plain))
                || allowedNonPublic.stream().anyMatch(block -> block.contains(plain));
    }

    /** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) as the IPv4 address it carries, so that it is judged as that. */
    private static InetAddress unmapped(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + address.getAddress().length + " bytes", e);
        }
    }
}
