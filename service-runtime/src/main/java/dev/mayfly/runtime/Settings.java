package dev.mayfly.runtime;

import dev.mayfly.kafka.KafkaCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings by name, from environment variables (MAYFLY_ISSUER_PORT, ...) with defaults. Tests and
 * ./mayfly dev pass their own map, layered over the environment.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** These settings, with the given ones taking precedence. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    /** Every setting by name: what a process started with these settings is given as its environment. */
    public Map<String, String> values() {
        return values;
    }

    public String string(String name, String defaultValue) {
        String value = values.get(name);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    public int integer(String name, int defaultValue) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    public Path path(String name, Path defaultValue) {
        String value = string(name, null);
        return value == null ? defaultValue : Path.of(value);
    }

    /** The Kafka cluster of MAYFLY_KAFKA_BOOTSTRAP and the client security settings of {@link KafkaCluster#from}. */
    public KafkaCluster kafka() {
        return KafkaCluster.from(name -> string(name, null));
    }

    /** $MAYFLY_HOME, where dev mode and the services keep their local state (default .mayfly). */
    public Path home() {
        return path("MAYFLY_HOME", Path.of(".mayfly"));
    }
}
