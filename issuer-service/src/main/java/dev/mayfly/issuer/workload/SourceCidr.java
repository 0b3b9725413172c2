package dev.mayfly.issuer.workload;

import dev.mayfly.policy.IpBlock;
import dev.mayfly.policy.IpLiteral;
import dev.mayfly.runtime.AwsServiceException;

/**
 * A block of addresses a workload may ask for credentials from: an IPv4 or IPv6 CIDR block, or one address. Only
 * literal addresses are accepted, so that parsing never resolves a name.
 */
final class SourceCidr {

    private final IpBlock block;

    private SourceCidr(IpBlock block) {
        this.block = block;
    }

    static SourceCidr parse(String text) {
        if (text == null) {
            throw invalid(null);
        }
        try {
            return new SourceCidr(IpBlock.parse(text));
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
    }

    private static AwsServiceException invalid(String text) {
        return AwsServiceException.validation("AllowedSourceCidrs: '" + text + "' is not an IP address or CIDR block (like 10.0.0.0/8).");
    }

    /** Whether an address (as the server saw the connection's peer) lies in this block. */
    boolean contains(String address) {
        if (address == null) {
            return false;
        }
        try {
            return block.contains(IpLiteral.parse(withoutZone(address)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The address without the zone the server writes after a link-local IPv6 peer's (fe80::1%eth0): it names the
     * interface the connection came in on, and is no part of the address a block is compared with.
     */
    private static String withoutZone(String address) {
        int zone = address.indexOf('%');
        return zone < 0 || !address.contains(":") ? address : address.substring(0, zone);
    }

    @Override
    public String toString() {
        return block.toString();
    }
}
