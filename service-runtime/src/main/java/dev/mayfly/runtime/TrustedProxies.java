package dev.mayfly.runtime;

import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.policy.IpBlock;
import dev.mayfly.policy.IpLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who sent a request when a service stands behind proxies or load balancers: the operator names the proxies it trusts
 * (MAYFLY_TRUSTED_PROXIES, a comma-separated list of addresses and CIDR blocks; none by default), and a request that
 * arrives from one of them is taken to come from the address the proxies say they forwarded it for (Forwarded, RFC 7239,
 * or else X-Forwarded-For). The chain is read from the right, the end the proxies append to: the client is the first
 * address that is not a trusted proxy. Whatever a client wrote itself lies further left and is never reached, so a
 * client cannot choose its own address; a request sent directly, or from a proxy not trusted, is its connection's
 * address whatever its headers say. An entry that is not an address (unknown, an obfuscated identifier) stops the
 * reading: the client is then the trusted proxy that added it.
 *
 * <p>The address so found is the one aws:SourceIp, workload source ranges, CloudTrail's sourceIPAddress and the limits per
 * source see ({@link HttpExchanges#sourceIp}).
 */
public final class TrustedProxies {

    /** No proxy trusted: every request is its connection's address. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<IpBlock> proxies;

    private TrustedProxies(List<IpBlock> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    /**
     * @param blocks addresses or CIDR blocks, comma-separated; blank for none
     * @throws IllegalArgumentException naming an entry that is neither
     */
    public static TrustedProxies parse(String blocks) {
        List<IpBlock> parsed = new ArrayList<>();
        for (String block : blocks.split(",")) {
            if (!block.isBlank()) {
                parsed.add(IpBlock.parse(block.strip()));
            }
        }
        return new TrustedProxies(parsed);
    }

    /** MAYFLY_TRUSTED_PROXIES. */
    public static TrustedProxies from(Settings settings) {
        String blocks = settings.string("MAYFLY_TRUSTED_PROXIES", "");
        try {
            return parse(blocks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MAYFLY_TRUSTED_PROXIES: " + e.getMessage()
                    + " (a comma-separated list of addresses and CIDR blocks, such as 10.0.0.0/8,192.0.2.7)");
        }
    }

    /**
     * Where a request came from, and whether it came over TLS (aws:SecureTransport): for a request a trusted proxy
     * forwarded, whether the client reached that proxy over https, as the proxy says (proto= of the Forwarded element
     * that names the client, or X-Forwarded-Proto); otherwise whether this connection is TLS.
     */
    record Origin(InetAddress address, boolean secure) {
    }

    /** Where the request came from: its connection, or what trusted proxies forwarded it for. */
    Origin originOf(HttpExchange exchange, boolean connectionSecure) {
        Origin origin = new Origin(exchange.getRemoteAddress().getAddress(), connectionSecure);
        if (!trusted(origin.address())) {
            return origin;
        }
        List<Hop> chain = forwardedFor(exchange);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = address(chain.get(i).forAddress());
            if (hop.isEmpty()) {
                return origin;
            }
            origin = new Origin(hop.get(), "https".equalsIgnoreCase(chain.get(i).proto()));
            if (!trusted(origin.address())) {
                return origin;
            }
        }
        return origin;
    }

    /** One hop a proxy reports: the address it received the request from, and over which protocol (null when not said). */
    private record Hop(String forAddress, String proto) {
    }

    private boolean trusted(InetAddress address) {
        return proxies.stream().anyMatch(block -> block.contains(address));
    }

    /**
     * The hops of Forwarded when the request has it (for= and proto= of each element), else X-Forwarded-For's, each with
     * the X-Forwarded-Proto value in the same place from the right (or its only value, which the first proxy set, for
     * the first hop); oldest first.
     */
    private static List<Hop> forwardedFor(HttpExchange exchange) {
        List<String> forwarded = exchange.getRequestHeaders().get("Forwarded");
        if (forwarded != null) {
            List<Hop> hops = new ArrayList<>();
            for (String element : String.join(",", forwarded).split(",")) {
                hops.add(new Hop(parameter(element, "for=").orElse(""), parameter(element, "proto=").orElse(null)));
            }
            return hops;
        }
        List<String> addresses = values(exchange, "X-Forwarded-For");
        List<String> protos = values(exchange, "X-Forwarded-Proto");
        List<Hop> hops = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            String proto = protos.size() == addresses.size() ? protos.get(i)
                    : protos.size() == 1 && i == 0 ? protos.getFirst() : null;
            hops.add(new Hop(addresses.get(i), proto == null ? null : proto.strip()));
        }
        return hops;
    }

    private static Optional<String> parameter(String element, String name) {
        return Arrays.stream(element.split(";")).map(String::strip).filter(pair -> pair.toLowerCase(Locale.ROOT).startsWith(name))
                .map(pair -> pair.substring(name.length()).replace("\"", "")).findFirst();
    }

    private static List<String> values(HttpExchange exchange, String header) {
        List<String> values = exchange.getRequestHeaders().get(header);
        return values == null ? List.of() : Arrays.asList(String.join(",", values).split(","));
    }

    /** An address as proxies write it: bare, quoted, in brackets (IPv6), with or without a port. */
    private static Optional<InetAddress> address(String hop) {
        String text = hop.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            text = end < 0 ? "" : text.substring(1, end);
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            text = text.substring(0, text.indexOf(':'));    // IPv4 with a port; an IPv6 address has several colons
        }
        try {
            return Optional.of(IpLiteral.parse(text));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }
}
