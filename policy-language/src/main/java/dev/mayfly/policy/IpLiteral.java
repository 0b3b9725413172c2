package dev.mayfly.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address written out (203.0.113.7, 2001:db8::1), read without ever looking up a name: addresses in
 * policies, in requests and in the issuer's settings and APIs are a caller's text, and must never make Mayfly send DNS
 * queries of the caller's choosing.
 */
public final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private IpLiteral() {
    }

    /** @throws IllegalArgumentException when the text is no IPv4 or IPv6 address */
    public static InetAddress parse(String text) {
        if (!readAsAddress(text)) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    /**
     * Whether InetAddress reads the text as an address rather than looking it up as a host name: four decimal octets
     * of at most 255, or IPv6-looking text that starts with a hex digit or a colon (such text that is no IPv6 address
     * is refused). It looks up whatever else it is given, a dotted quad past 255 (999.1.1.1) or colon text starting
     * otherwise (.0:) among them.
     */
    private static boolean readAsAddress(String text) {
        if (IPV6.matcher(text).matches()) {
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
}
