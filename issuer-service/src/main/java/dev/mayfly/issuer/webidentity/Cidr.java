package dev.mayfly.issuer.webidentity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses: 10.0.0.0/8, fe80::/10, or one address. Only literal addresses are accepted, so
 * that parsing never resolves a name.
 */
record Cidr(InetAddress network, int prefixLength) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)(?:/(\\d{1,3}))?");

    /** @throws IllegalArgumentException when the text is not an address or a block */
    static Cidr parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
        }
        InetAddress network;
        try {
            network = InetAddress.getByName(m.group(1));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + text, e);
        }
        int bits = network.getAddress().length * 8;
        int prefix = m.group(2) == null ? bits : Integer.parseInt(m.group(2));
        if (prefix > bits) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
        }
        return new Cidr(network, prefix);
    }

    boolean contains(InetAddress address) {
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

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
