package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MAYFLY_LOG_FORMAT, as an operator sets it: in the environment of a JVM of its own (a test cannot change its own
 * environment), which logs one line through the services' log4j2.xml.
 */
class LogFormatEnvironmentTest {

    private static List<String> logOneLine(Map<String, String> environment) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LogOneLine.class.getName(), "one line").redirectErrorStream(true);
        builder.environment().remove("MAYFLY_LOG_FORMAT");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    @Test
    void logWhenMayflyLogFormatIsJsonInTheEnvironmentThenEachLineIsAnEcsObject() throws Exception {
        List<String> lines = logOneLine(Map.of("MAYFLY_LOG_FORMAT", "json"));

        assertThat(lines).hasSize(1);
        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.path("message").asText()).isEqualTo("one line");
        assertThat(line.path("log.level").asText()).isEqualTo("INFO");
        assertThat(line.path("log.logger").asText()).isEqualTo("dev.mayfly.runtime.LogOneLine");
        assertThat(line.has("@timestamp")).isTrue();
    }

    @Test
    void logWhenMayflyLogFormatIsUnsetThenPlainText() throws Exception {
        List<String> lines = logOneLine(Map.of());

        assertThat(lines).singleElement().satisfies(line -> assertThat(line).doesNotStartWith("{").contains("INFO").endsWith("one line"));
    }
}
