package dev.mayfly.issuer.workload;

import dev.mayfly.runtime.AwsServiceException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block of addresses a workload may ask for credentials from: an IPv4 or IPv6 CIDR block, or one address. Only
 * literal addresses are accepted, so that parsing never resolves a name.
 */
final class SourceCidr {

    private static final Pattern FORMAT = Pattern.compile("([0-9.]{7,15}|[0-9a-fA-F:.]{2,45})(?:/(\\d{1,3}))?");

    private final byte[] network;
    private final int prefixLength;

    private SourceCidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    static SourceCidr parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches() || !(m.group(1).contains(":") || m.group(1).matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            throw invalid(text);
        }
        byte[] address;
        try {
            address = InetAddress.getByName(m.group(1)).getAddress();
        } catch (UnknownHostException e) {
            throw invalid(text);
        }
        int prefix = m.group(2) == null ? address.length * 8 : Integer.parseInt(m.group(2));
        if (prefix > address.length * 8) {
            throw invalid(text);
        }
        return new SourceCidr(address, prefix);
    }

    private static AwsServiceException invalid(String text) {
        return AwsServiceException.validation("AllowedSourceCidrs: '" + text + "' is not an IP address or CIDR block (like 10.0.0.0/8).");
    }

    /** Whether an address (as the server saw the connection's peer) lies in this block. */
    boolean contains(String address) {
        byte[] candidate;
        try {
            if (address == null || !(address.contains(":") || address.matches("[0-9.]+"))) {
                return false;
            }
            candidate = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        int mask = rest == 0 ? 0 : (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
