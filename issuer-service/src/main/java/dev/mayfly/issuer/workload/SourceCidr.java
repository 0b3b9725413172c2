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
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final byte[] network;
    private final int prefixLength;

    private SourceCidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    static SourceCidr parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches() || !isLiteralAddress(m.group(1))) {
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

    /**
     * Whether InetAddress reads the text as an address rather than looking it up as a host name: four decimal octets of
     * at most 255, or text with a colon that starts with a hex digit or a colon (such text that is no IPv6 address is
     * refused). It looks up whatever else it is given, a dotted quad past 255 (999.1.1.1) or colon text starting
     * otherwise (.0:) among them: a caller's text must never make the issuer send DNS queries.
     */
    private static boolean isLiteralAddress(String text) {
        if (text.contains(":")) {
            return Character.digit(text.charAt(0), 16) >= 0 || text.charAt(0) == ':';
        }
        if (!IPV4.matcher(text).matches()) {
            return false;
        }
        for (String octet : text.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static AwsServiceException invalid(String text) {
        return AwsServiceException.validation("AllowedSourceCidrs: '" + text + "' is not an IP address or CIDR block (like 10.0.0.0/8).");
    }

    /** Whether an address (as the server saw the connection's peer) lies in this block. */
    boolean contains(String address) {
        byte[] candidate;
        try {
            if (address == null || !isLiteralAddress(address)) {
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
