package dev.mayfly.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import dev.mayfly.runtime.Settings;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MAYFLY_TRACING: off by default, OpenTelemetry configured by the OTEL_* settings when otel, refused when misspelt. */
class RequestTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @AfterEach
    void clear() {
        System.clearProperty("otel.traces.exporter");
    }

    private static Headers traceparent(String value) {
        Headers headers = new Headers();
        headers.add("traceparent", value);
        return headers;
    }

    @Test
    void fromWhenUnsetThenOffWhichKeepsTheCallersTraceIdAndStartsNoTraceOfItsOwn() {
        RequestTracing tracing = RequestTracing.from(Settings.of(Map.of()), "issuer");

        assertThat(tracing).isSameAs(RequestTracing.OFF);
        assertThat(tracing.start(traceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-01")).traceId()).isEqualTo(TRACE_ID);
        assertThat(tracing.start(new Headers()).traceId()).isNull();
    }

    @Test
    void fromWhenOtelThenTheAutoconfiguredSdkStartsSpansInTheCallersTraceOrANewOne() {
        System.setProperty("otel.traces.exporter", "logging");

        RequestTracing tracing = RequestTracing.from(Settings.of(Map.of(RequestTracing.SETTING, "otel")), "issuer");

        assertThat(tracing).isInstanceOf(OpenTelemetryTracing.class);
        TracedRequest inCallersTrace = tracing.start(traceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
        TracedRequest ofItsOwn = tracing.start(new Headers());
        assertThat(inCallersTrace.traceId()).isEqualTo(TRACE_ID);
        assertThat(ofItsOwn.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
        inCallersTrace.end("sts.amazonaws.com", "GetCallerIdentity", "r1", "OK", 200);
        ofItsOwn.end("sts.amazonaws.com", "Unknown", "r2", "InvalidAction", 400);
    }

    @Test
    void fromWhenOtelWithTheDefaultExporterThenOtlpOverHttpWhichNeedsNoGrpcTransport() {
        assertThat(RequestTracing.from(Settings.of(Map.of(RequestTracing.SETTING, "otel")), "audit")).isInstanceOf(OpenTelemetryTracing.class);
    }

    /** A class loader of its own over this test's class path, which notes every class it is asked for. */
    private static final class NotingClassLoader extends URLClassLoader {
        final Set<String> asked = ConcurrentHashMap.newKeySet();

        NotingClassLoader() throws Exception {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        private static URL[] classPath() throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void fromWhenOffThenTracingARequestLoadsNoOpenTelemetryClass() throws Exception {
        try (NotingClassLoader loader = new NotingClassLoader()) {
            Class<?> settings = loader.loadClass(Settings.class.getName());
            Class<?> tracing = loader.loadClass(RequestTracing.class.getName());
            Object off = tracing.getMethod("from", settings, String.class)
                    .invoke(null, settings.getMethod("of", Map.class).invoke(null, Map.of()), "issuer");
            Object traced = tracing.getMethod("start", Headers.class).invoke(off, traceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
            Method traceId = loader.loadClass(TracedRequest.class.getName()).getMethod("traceId");

            assertThat(traceId.invoke(traced)).isEqualTo(TRACE_ID);
            assertThat(loader.asked).contains(RequestTracing.class.getName())
                    .noneMatch(name -> name.startsWith("io.opentelemetry"));
        }
    }

    @Test
    void fromWhenMisspeltThenRefusedRatherThanSilentlyUntraced() {
        assertThatThrownBy(() -> RequestTracing.from(Settings.of(Map.of(RequestTracing.SETTING, "opentelemetry")), "issuer"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAYFLY_TRACING");
    }
}
