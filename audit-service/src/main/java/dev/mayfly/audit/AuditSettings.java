package dev.mayfly.audit;

import dev.mayfly.runtime.Settings;

/**
 * The audit service's settings, each from an environment variable (defaults are ./mayfly dev's):
 * MAYFLY_AUDIT_HOST, MAYFLY_AUDIT_PORT, MAYFLY_KAFKA_BOOTSTRAP, MAYFLY_ELASTICSEARCH_URL, MAYFLY_ISSUER_URL.
 */
public record AuditSettings(String host, int port, String kafkaBootstrap, String elasticsearchUrl, String issuerUrl) {

    public static AuditSettings from(Settings settings) {
        return new AuditSettings(
                settings.string("MAYFLY_AUDIT_HOST", "127.0.0.1"),
                settings.integer("MAYFLY_AUDIT_PORT", 7071),
                settings.string("MAYFLY_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                settings.string("MAYFLY_ELASTICSEARCH_URL", "http://127.0.0.1:9200"),
                settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:7070"));
    }
}
