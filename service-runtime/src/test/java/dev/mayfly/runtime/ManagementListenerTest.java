package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A service's public port and its management listener, both real servers: what each answers, and where the listener binds. */
class ManagementListenerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPERATOR_PATH = "/mayfly/operator/";

    private ServiceMetrics metrics;
    private HttpService publicPort;
    private ManagementListener management;

    @BeforeEach
    void start() throws IOException {
        metrics = new ServiceMetrics("test");
        publicPort = new HttpService("test", "127.0.0.1", 0, Optional.empty(), () -> ServiceHealth.of(true), metrics, HttpLimits.DEFAULTS,
                TrustedProxies.NONE);
        management = new ManagementListener("test", ManagementSettings.from(Settings.of(Map.of()), "TEST", 0), Optional.empty(),
                () -> ServiceHealth.of(true), metrics)
                .route(OPERATOR_PATH, exchange -> HttpExchanges.send(exchange, 200, "text/plain", "operated".getBytes(StandardCharsets.UTF_8)))
                .start(publicPort);
        publicPort.start();
    }

    @AfterEach
    void stop() {
        management.close();
        publicPort.close();
        metrics.close();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsWhenAskedOnThePublicPortThen404InTheJsonProtocolsErrorShape() throws Exception {
        HttpResponse<String> answer = get(publicPort.port(), "/metrics");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(answer.body()).contains("\"__type\":\"UnknownOperationException\"").doesNotContain("jvm_");
    }

    @Test
    void metricsWhenAskedOnTheManagementPortThenPrometheusText() throws Exception {
        HttpResponse<String> answer = get(management.port(), "/metrics");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(answer.body()).contains("jvm_");
    }

    @Test
    void routeWhenAskedOnThePublicPortThen404AndOnTheManagementPortServed() throws Exception {
        assertThat(get(publicPort.port(), OPERATOR_PATH + "anything").statusCode()).isEqualTo(404);
        HttpResponse<String> onManagement = get(management.port(), OPERATOR_PATH + "anything");
        assertThat(onManagement.statusCode()).isEqualTo(200);
        assertThat(onManagement.body()).isEqualTo("operated");
    }

    @Test
    void probesWhenAskedOnEitherPortThenAnswered() throws Exception {
        for (String probe : new String[] {"/healthz", "/livez", "/readyz"}) {
            assertThat(get(publicPort.port(), probe).statusCode()).as(probe).isEqualTo(200);
            assertThat(get(management.port(), probe).statusCode()).as(probe).isEqualTo(200);
        }
    }

    @Test
    void probesWhenThePublicPortStartsDrainingThenTheManagementPortSaysStoppingToo() throws Exception {
        assertThat(get(management.port(), "/livez").statusCode()).isEqualTo(200);
        assertThat(get(management.port(), "/readyz").statusCode()).isEqualTo(200);

        publicPort.startDraining();

        assertThat(get(management.port(), "/livez").statusCode()).isEqualTo(503);
        assertThat(get(management.port(), "/readyz").body()).contains("\"status\":\"STOPPING\"");
    }

    @Test
    void fromWhenNothingIsSetThenLoopbackAndTheServicesDefaultPort() {
        assertThat(ManagementSettings.from(Settings.of(Map.of()), "ISSUER", 8070)).isEqualTo(new ManagementSettings("127.0.0.1", 8070));
        assertThat(ManagementSettings.from(Settings.of(Map.of("MAYFLY_ISSUER_MANAGEMENT_HOST", "10.0.0.5",
                "MAYFLY_ISSUER_MANAGEMENT_PORT", "0")), "ISSUER", 8070)).isEqualTo(new ManagementSettings("10.0.0.5", 0));
    }

    @Test
    void startWhenNothingIsSetThenUnreachableOnTheMachinesOtherAddresses() throws Exception {
        Optional<InetAddress> other = nonLoopbackAddress();
        assumeTrue(other.isPresent(), "this machine has no address but loopback");

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(other.get(), management.port()), 2_000);
            }
        }).isInstanceOf(IOException.class);
        assertThat(get(management.port(), "/healthz").statusCode()).isEqualTo(200);
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(ManagementListenerTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (IOException e) {
            return false;
        }
    }
}
