package dev.mayfly.cli;

import dev.mayfly.audit.AuditSettings;
import dev.mayfly.audit.projection.ApiCalls;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.projection.DeadLetters;
import dev.mayfly.audit.projection.Rebuild;
import dev.mayfly.audit.projection.RecordWriter;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Topics;
import dev.mayfly.eventstore.AxonConfiguration;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.VerifiedSignatures;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * ./mayfly audit rebuild: writes every CloudTrail record again, from the beginning of mayfly.events or from the issuer's
 * and revocation service's event stores (for calls the topic no longer holds). Records are written by eventID, so it
 * can run while the audit service runs and never duplicates one; it prints its progress as it goes.
 */
final class AuditRebuildCommand {

    static final String USAGE = """
            Usage: ./mayfly audit rebuild [--from topic|event-store]
            Writes every audit record again into Elasticsearch (MAYFLY_ELASTICSEARCH_URL, _API_KEY, ...): from the
            beginning of the mayfly.events topic (MAYFLY_KAFKA_BOOTSTRAP, _SECURITY_PROTOCOL, ...; the default), or
            from the event stores of the issuer and the revocation service (MAYFLY_ISSUER_DB_URL,
            MAYFLY_REVOCATION_DB_URL), which keep every call for ever. The audit service's own calls (LookupEvents...)
            live only in the topic. From the topic, only records a Mayfly service signed are written: it reads the
            services' public keys as the audit service does (MAYFLY_ISSUER_PUBLIC_KEYS_FILE,
            MAYFLY_REVOCATION_PUBLIC_KEYS_FILE, the audit's own beside MAYFLY_AUDIT_SERVICE_CREDENTIAL_FILE) and says how
            many records it left out. Safe to run beside the running service.""";
    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);

    private AuditRebuildCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        String from = args.length == 0 ? "topic" : args.length == 2 && args[0].equals("--from") ? args[1] : "";
        if (!from.equals("topic") && !from.equals("event-store")) {
            err.println(USAGE);
            return 2;
        }
        AuditSettings audit = AuditSettings.from(settings);
        try (AuditElasticsearch elasticsearch = AuditElasticsearch.open(audit.elasticsearch())) {
            AuditIndices indices = new AuditIndices(elasticsearch.client(), audit.storage().indexPeriod(), audit.storage().shards());
            indices.installTemplate();
            Rebuild rebuild = new Rebuild(new RecordWriter(elasticsearch, indices,
                    new DeadLetters(elasticsearch, Clock.systemUTC()).install(audit.storage().shards().replicas()), "rebuild"), progress(err));
            long written;
            if (from.equals("topic")) {
                err.println("Rebuilding the audit records from the beginning of mayfly.events at " + audit.kafka() + "...");
                RefusedRecords refused = new RefusedRecords();
                // kept verifications: the records of an issuer's batch share one signature, verified once
                written = rebuild.fromTopic(audit.kafka(), new ApiCalls(new RecordVerifier(
                        audit.eventProducersPublicKeysFiles().stream().map(PublicKeyFile::watch).toList(), refused, new VerifiedSignatures())));
                if (refused.count(Topics.EVENTS) > 0) {
                    err.println(refused.count(Topics.EVENTS) + " records of mayfly.events were left out: unsigned (written before"
                            + " feeds were signed, or by someone else) or not signed by a service that produces the topic.");
                }
            } else {
                written = 0;
                for (Map.Entry<String, DatabaseSettings> store : List.of(Map.entry("issuer", IssuerSettings.from(settings).database()),
                        Map.entry("revocation service", RevocationSettings.from(settings).database()))) {
                    err.println("Rebuilding the audit records from the " + store.getKey() + "'s event store...");
                    written += fromEventStore(rebuild, store.getValue());
                }
            }
            out.println("Rebuilt " + written + " audit records into " + audit.elasticsearch() + "."
                    + (rebuild.setAside() == 0 ? "" : " " + rebuild.setAside() + " could never be written: they are set aside in the "
                    + DeadLetters.INDEX + " index."));
            return 0;
        } catch (IOException | RuntimeException e) {
            throw new CliException("The rebuild stopped: " + e.getMessage() + ". Records already written stay; run it again to finish.");
        }
    }

    private static long fromEventStore(Rebuild rebuild, DatabaseSettings database) throws IOException {
        try (EventStoreDatabase store = EventStoreDatabase.open(database, "mayfly-audit-rebuild")) {
            return rebuild.fromCalls(sink -> AxonConfiguration.replay(store.dataSource(), payload -> {
                if (payload instanceof ApiCallRecorded call) {
                    sink.accept(call);
                }
            }));
        }
    }

    /** Progress on standard error, once a second at most. */
    private static Rebuild.Progress progress(PrintStream err) {
        Instant[] last = {Instant.EPOCH};
        return (read, total, written) -> {
            Instant now = Instant.now();
            if (Duration.between(last[0], now).compareTo(REPORT_EVERY) >= 0 || read == total) {
                last[0] = now;
                err.println(total < 0 ? "  " + read + " calls read, " + written + " records written"
                        : "  " + read + " of " + total + " events read (" + (total == 0 ? 100 : read * 100 / total) + "%), "
                        + written + " records written");
            }
        };
    }
}
