package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The address a request is taken to come from, through a real server on loopback: its connection's, or its trusted proxies'. */
class TrustedProxiesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The source address the service sees for a request with these headers, behind these trusted proxies. */
    private static String sourceSeen(TrustedProxies proxies, Map<String, String> headers) throws Exception {
        return seen(proxies, headers).split(" ")[0];
    }

    /** Whether the service takes a request with these headers, behind these trusted proxies, to have come over TLS. */
    private static boolean secureSeen(TrustedProxies proxies, Map<String, String> headers) throws Exception {
        return Boolean.parseBoolean(seen(proxies, headers).split(" ")[1]);
    }

    /** "SOURCE SECURE", as the service sees the request. */
    private static String seen(TrustedProxies proxies, Map<String, String> headers) throws Exception {
        try (ServiceMetrics metrics = new ServiceMetrics("test");
             HttpService service = new HttpService("test", "127.0.0.1", 0, Optional.empty(), () -> ServiceHealth.of(true), metrics,
                     HttpLimits.DEFAULTS, proxies)) {
            service.route("/source", exchange -> HttpExchanges.send(exchange, 200, "text/plain",
                    (HttpExchanges.sourceIp(exchange) + " " + HttpExchanges.secureTransport(exchange)).getBytes(StandardCharsets.UTF_8),
                    Map.of())).start();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/source"));
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void sourceIpWhenNoProxyIsTrustedThenTheConnectionsAddressWhateverTheHeadersSay() throws Exception {
        assertThat(sourceSeen(TrustedProxies.NONE, Map.of("X-Forwarded-For", "203.0.113.9", "Forwarded", "for=198.51.100.1")))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void sourceIpWhenFromATrustedProxyThenTheAddressItForwardedFor() throws Exception {
        assertThat(sourceSeen(TrustedProxies.parse("127.0.0.1"), Map.of("X-Forwarded-For", "203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void sourceIpWhenTheClientWroteAnAddressOfItsOwnThenTheRightmostAddressNoTrustedProxyAdded() throws Exception {
        assertThat(sourceSeen(TrustedProxies.parse("127.0.0.0/8, 10.0.0.0/8"),
                Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.1.2.3"))).isEqualTo("203.0.113.9");
    }

    @Test
    void sourceIpWhenForwardedHeaderThenItsForParametersQuotedBracketedAndWithPortsRead() throws Exception {
        assertThat(sourceSeen(TrustedProxies.parse("127.0.0.1"),
                Map.of("Forwarded", "for=192.0.2.60;proto=https, for=\"[2001:db8:cafe::17]:4711\"", "X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("2001:db8:cafe:0:0:0:0:17");
    }

    @Test
    void sourceIpWhenTheForwardedEntryIsNotAnAddressThenTheTrustedProxyItself() throws Exception {
        assertThat(sourceSeen(TrustedProxies.parse("127.0.0.1"), Map.of("Forwarded", "for=unknown"))).isEqualTo("127.0.0.1");
        assertThat(sourceSeen(TrustedProxies.parse("127.0.0.1"), Map.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void secureTransportWhenATrustedProxySaysTheClientCameOverHttpsThenTrue() throws Exception {
        TrustedProxies loopback = TrustedProxies.parse("127.0.0.1");

        assertThat(secureSeen(loopback, Map.of("Forwarded", "for=203.0.113.9;proto=https"))).isTrue();
        assertThat(secureSeen(loopback, Map.of("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"))).isTrue();
        assertThat(secureSeen(loopback, Map.of("Forwarded", "for=203.0.113.9;proto=http"))).isFalse();
        assertThat(secureSeen(loopback, Map.of("X-Forwarded-For", "203.0.113.9"))).as("not said").isFalse();
    }

    @Test
    void secureTransportWhenTheProtocolSaidIsNotTheClientsHopOrNoProxyIsTrustedThenFalse() throws Exception {
        assertThat(secureSeen(TrustedProxies.NONE, Map.of("Forwarded", "for=203.0.113.9;proto=https", "X-Forwarded-Proto", "https")))
                .isFalse();
        assertThat(secureSeen(TrustedProxies.parse("127.0.0.1"), Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.9",
                "X-Forwarded-Proto", "https"))).as("the only proto is the first hop's, not the client's").isFalse();
    }

    @Test
    void fromWhenAnEntryIsNotAnAddressOrBlockThenRefusedNamingTheSetting() {
        assertThatThrownBy(() -> TrustedProxies.from(Settings.of(Map.of("MAYFLY_TRUSTED_PROXIES", "10.0.0.0/8,proxy.example.com"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAYFLY_TRUSTED_PROXIES").hasMessageContaining("proxy.example.com");
    }
}
