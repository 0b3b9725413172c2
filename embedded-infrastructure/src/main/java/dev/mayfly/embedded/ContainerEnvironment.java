package dev.mayfly.embedded;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a Kafka broker's or an Elasticsearch node's settings from a container's environment by the conventions of
 * their official images, so that docker-compose.yml's environment means the same to the images built from Maven
 * Central jars (container-tests) as to the official ones.
 */
public final class ContainerEnvironment {

    /** apache/kafka's variables that configure the JVM or its scripts, not the broker. */
    private static final Set<String> KAFKA_NOT_BROKER_SETTINGS = Set.of("KAFKA_VERSION", "KAFKA_HEAP_OPTS", "KAFKA_OPTS",
            "KAFKA_LOG4J_OPTS", "KAFKA_JMX_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS",
            "KAFKA_LOG4J_ROOT_LOGLEVEL", "KAFKA_LOG4J_LOGGERS", "KAFKA_TOOLS_LOG4J_LOGLEVEL", "KAFKA_JMX_HOSTNAME",
            "KAFKA_JMX_PORT");

    private ContainerEnvironment() {
    }

    /**
     * apache/kafka's rule: KAFKA_LOG_DIRS is log.dirs; within a name, ___ stands for '-' and __ for '_'.
     */
    public static Map<String, String> kafkaBrokerSettings(Map<String, String> environment) {
        Map<String, String> settings = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && !KAFKA_NOT_BROKER_SETTINGS.contains(name)) {
                String key = name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT)
                        .replace("___", "-").replace("__", "\0").replace('_', '.').replace('\0', '_');
                settings.put(key, value);
            }
        });
        return settings;
    }

    /**
     * The official Elasticsearch image's rule: a variable whose name has a dot and no upper case letter is a setting.
     * X-Pack's settings are left out: a node from the open jars has no X-Pack, and would refuse to start on a setting
     * it does not know ({@code xpack.security.enabled: false} asks for what such a node is anyway).
     */
    public static Map<String, String> elasticsearchSettings(Map<String, String> environment) {
        Map<String, String> settings = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.contains(".") && name.equals(name.toLowerCase(Locale.ROOT)) && !name.startsWith("xpack.")) {
                settings.put(name, value);
            }
        });
        return settings;
    }
}
