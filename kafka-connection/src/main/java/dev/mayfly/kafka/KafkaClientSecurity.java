package dev.mayfly.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How Mayfly's Kafka clients authenticate to the brokers and protect the connection, as the operator set it: the
 * client settings of <a href="https://kafka.apache.org/documentation/#security">Kafka's security</a>, from
 * <ul>
 *   <li>MAYFLY_KAFKA_PROPERTIES_FILE: a Java properties file of Kafka client settings, read first, for whatever the
 *       variables below do not name (sasl.login.callback.handler.class for OAUTHBEARER, ssl.endpoint.identification.algorithm,
 *       ...); readable by the services' user only, since it may hold passwords;</li>
 *   <li>MAYFLY_KAFKA_SECURITY_PROTOCOL (security.protocol): PLAINTEXT (the default), SSL, SASL_PLAINTEXT or SASL_SSL;</li>
 *   <li>MAYFLY_KAFKA_SASL_MECHANISM (sasl.mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, ...) and
 *       MAYFLY_KAFKA_SASL_JAAS_CONFIG (sasl.jaas.config);</li>
 *   <li>MAYFLY_KAFKA_SSL_TRUSTSTORE_LOCATION/_PASSWORD/_TYPE: the CAs the brokers' certificates are checked against, when
 *       the JVM's own do not cover them; MAYFLY_KAFKA_SSL_KEYSTORE_LOCATION/_PASSWORD/_TYPE and MAYFLY_KAFKA_SSL_KEY_PASSWORD:
 *       the client certificate for mTLS.</li>
 * </ul>
 * A variable overrides the same setting in the file. Settings that cannot take effect under the chosen protocol (SASL
 * settings without SASL, a keystore without TLS) are refused at start rather than ignored, so that an operator never
 * believes a connection is protected when it is not. {@link #toString()} never shows a value, since passwords and the
 * JAAS configuration are secrets; Kafka's own logging of client configs hides them as well.
 */
public final class KafkaClientSecurity {

    public static final String PROPERTIES_FILE = "MAYFLY_KAFKA_PROPERTIES_FILE";
    public static final String SECURITY_PROTOCOL = "MAYFLY_KAFKA_SECURITY_PROTOCOL";

    /** Each variable and the Kafka client setting it sets. */
    private static final Map<String, String> VARIABLES = variables();

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    /** No security settings: PLAINTEXT, as ./mayfly dev's embedded broker and the tests' run. */
    public static final KafkaClientSecurity NONE = new KafkaClientSecurity(Map.of());

    private final Map<String, String> properties;

    private KafkaClientSecurity(Map<String, String> properties) {
        this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    private static Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(SECURITY_PROTOCOL, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        variables.put("MAYFLY_KAFKA_SASL_MECHANISM", SaslConfigs.SASL_MECHANISM);
        variables.put("MAYFLY_KAFKA_SASL_JAAS_CONFIG", SaslConfigs.SASL_JAAS_CONFIG);
        variables.put("MAYFLY_KAFKA_SSL_TRUSTSTORE_LOCATION", SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        variables.put("MAYFLY_KAFKA_SSL_TRUSTSTORE_PASSWORD", SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        variables.put("MAYFLY_KAFKA_SSL_TRUSTSTORE_TYPE", SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        variables.put("MAYFLY_KAFKA_SSL_KEYSTORE_LOCATION", SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
        variables.put("MAYFLY_KAFKA_SSL_KEYSTORE_PASSWORD", SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG);
        variables.put("MAYFLY_KAFKA_SSL_KEYSTORE_TYPE", SslConfigs.SSL_KEYSTORE_TYPE_CONFIG);
        variables.put("MAYFLY_KAFKA_SSL_KEY_PASSWORD", SslConfigs.SSL_KEY_PASSWORD_CONFIG);
        return Map.copyOf(variables);
    }

    /**
     * Reads the settings named above.
     *
     * @param setting a setting's value by its name, null when it is not set
     * @throws IllegalArgumentException when the file cannot be read, the protocol is unknown, or a setting cannot take
     *                                  effect under the protocol
     */
    public static KafkaClientSecurity from(Function<String, String> setting) {
        Map<String, String> properties = new TreeMap<>();
        String file = setting.apply(PROPERTIES_FILE);
        if (file != null) {
            properties.putAll(readFile(Path.of(file)));
        }
        VARIABLES.forEach((variable, property) -> {
            String value = setting.apply(variable);
            if (value != null) {
                properties.put(property, value);
            }
        });
        return of(properties);
    }

    /** These client settings, checked as {@link #from} checks them. */
    public static KafkaClientSecurity of(Map<String, String> properties) {
        String protocol = properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException(SECURITY_PROTOCOL + " must be one of PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, not '"
                    + protocol + "'");
        }
        if (!protocol.startsWith("SASL_") && properties.keySet().stream().anyMatch(p -> p.startsWith("sasl."))) {
            throw new IllegalArgumentException("SASL settings are given but " + SECURITY_PROTOCOL + " is " + protocol
                    + ": set it to SASL_SSL (or SASL_PLAINTEXT) for them to take effect");
        }
        if (!protocol.endsWith("SSL") && properties.keySet().stream().anyMatch(p -> p.startsWith("ssl."))) {
            throw new IllegalArgumentException("TLS settings (truststore, keystore) are given but " + SECURITY_PROTOCOL + " is "
                    + protocol + ": set it to SSL or SASL_SSL for them to take effect");
        }
        Map<String, String> normalized = new TreeMap<>(properties);
        if (properties.containsKey(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)) {
            normalized.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        }
        return new KafkaClientSecurity(normalized);
    }

    private static Map<String, String> readFile(Path file) {
        Properties read = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            read.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(PROPERTIES_FILE + " " + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> properties = new TreeMap<>();
        read.stringPropertyNames().forEach(name -> properties.put(name, read.getProperty(name).strip()));
        return properties;
    }

    /** The names of the settings {@link #from} reads. */
    public static List<String> settingNames() {
        return Stream.concat(Stream.of(PROPERTIES_FILE), VARIABLES.keySet().stream().sorted()).toList();
    }

    /** The client settings to add to every client's own. */
    public Map<String, String> properties() {
        return properties;
    }

    /** The protocol the clients speak to the brokers. */
    public String protocol() {
        return properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaClientSecurity security && properties.equals(security.properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    /** The protocol and the names of the settings given, never their values (passwords, the JAAS configuration). */
    @Override
    public String toString() {
        return protocol() + " " + properties.keySet();
    }
}
