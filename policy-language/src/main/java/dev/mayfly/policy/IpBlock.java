package dev.mayfly.policy;

import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation (10.0.0.0/8, 2001:db8::/32), or one address: what an IpAddress
 * condition, a workload's allowed sources and the issuer's allowed identity provider addresses name. Read as literals
 * only (IpLiteral), so that reading one never looks up a name.
 */
public final class IpBlock {

    private static final Pattern PREFIX_LENGTH = Pattern.compile("\\d{1,3}");

    private final InetAddress network;
    private final int prefixLength;

    private IpBlock(InetAddress network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * An address, or an address and the number of its leading bits that make the block, after a slash.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static IpBlock parse(String text) {
        int slash = text.indexOf('/');
        InetAddress network;
        try {
            network = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
        int bits = network.getAddress().length * 8;
        if (slash < 0) {
            return new IpBlock(network, bits);
        }
        String prefixLength = text.substring(slash + 1);
        if (!PREFIX_LENGTH.matcher(prefixLength).matches() || Integer.parseInt(prefixLength) > bits) {
            throw invalid(text);
        }
        return new IpBlock(network, Integer.parseInt(prefixLength));
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not an IP address or CIDR block: " + text);
    }

    /** Whether the address lies in this block; an IPv4 address never lies in an IPv6 block, nor the other way round. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] block = network.getAddress();
        if (candidate.length != block.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (block[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The block as it reads back: the address as written (its host bits kept), a slash and the prefix length. */
    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
