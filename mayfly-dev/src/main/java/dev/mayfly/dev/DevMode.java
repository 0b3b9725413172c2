package dev.mayfly.dev;

import dev.mayfly.audit.AuditService;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.KeysCommand;
import dev.mayfly.embedded.EmbeddedElasticsearch;
import dev.mayfly.embedded.EmbeddedKafka;
import dev.mayfly.embedded.EmbeddedPostgres;
import dev.mayfly.issuer.IssuerService;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.kafka.KafkaClientSecurity;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.revocation.RevocationService;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.ManagementSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * ./mayfly dev: embedded PostgreSQL, Kafka and Elasticsearch, then the three services, then account
 * 000000000001 with its root key in $MAYFLY_HOME/credentials. Ctrl-C or SIGTERM stops everything in
 * reverse order; state stays in $MAYFLY_HOME.
 */
final class DevMode {

    static final AccountId BOOTSTRAP_ACCOUNT = AccountId.of("000000000001");
    private static final int STEPS = 6;

    private DevMode() {
    }

    static int run(Settings environment, PrintStream out) {
        CountDownLatch stopped = new CountDownLatch(1);
        Running platform = start(environment, out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nStopping Mayfly...");
            platform.close();
            out.println("Stopped. State kept in " + platform.home());
            stopped.countDown();
        }, "mayfly-dev-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The platform while it runs; closing it stops everything in reverse order of start. */
    record Running(Path home, IssuerService issuer, Deque<AutoCloseable> parts) implements AutoCloseable {
        @Override
        public void close() {
            stopAll(parts);
        }
    }

    private static final String STS_RATE = "MAYFLY_STS_REQUESTS_PER_SECOND";
    private static final String IAM_RATE = "MAYFLY_IAM_REQUESTS_PER_SECOND";

    static Running start(Settings environment, PrintStream out) {
        if (TlsSettings.from(environment).isPresent()) {
            // dev mode's endpoints, printed instructions and benchmarks are all http://127.0.0.1; HTTPS is for services
            // run on their own, each with MAYFLY_TLS_KEYSTORE and, for a private CA, MAYFLY_TLS_TRUSTSTORE
            throw new CliException("./mayfly dev serves plain HTTP on 127.0.0.1: unset MAYFLY_TLS_KEYSTORE, which is for"
                    + " services run on their own (see docs/configuration.md).");
        }
        refuseClientSecurity(environment);
        Path home = environment.home().toAbsolutePath().normalize();
        int postgresPort = environment.integer("MAYFLY_POSTGRES_PORT", 5433);
        int kafkaPort = environment.integer("MAYFLY_KAFKA_PORT", 9092);
        int elasticsearchPort = environment.integer("MAYFLY_ELASTICSEARCH_PORT", 9200);
        Settings settings = environment.with(Map.of(
                "MAYFLY_HOME", home.toString(),
                "MAYFLY_KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort,
                "MAYFLY_ISSUER_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/mayfly_issuer",
                "MAYFLY_REVOCATION_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/mayfly_revocation",
                "MAYFLY_ELASTICSEARCH_URL", "http://127.0.0.1:" + elasticsearchPort,
                "MAYFLY_ISSUER_URL", "http://127.0.0.1:" + IssuerSettings.from(environment).port(),
                // identity providers tried out with dev mode run on the same machine or network
                IssuerSettings.OIDC_ALLOW_PRIVATE_ADDRESSES,
                environment.string(IssuerSettings.OIDC_ALLOW_PRIVATE_ADDRESSES, "true"),
                // dev mode is where the benchmarks load one account with thousands of calls a second; AWS's 600 per
                // second (the production default) is one setting away
                STS_RATE, environment.string(STS_RATE, "20000"),
                IAM_RATE, environment.string(IAM_RATE, "2000")));
        IssuerSettings issuerSettings = IssuerSettings.from(settings);
        AuditSettings auditSettings = AuditSettings.from(settings);
        RevocationSettings revocationSettings = RevocationSettings.from(settings);
        for (int port : new int[] {postgresPort, kafkaPort, elasticsearchPort, issuerSettings.port(), auditSettings.port(), revocationSettings.port(),
                issuerSettings.management().port(), auditSettings.management().port(), revocationSettings.management().port()}) {
            requireFree(port);
        }
        out.println("Mayfly dev mode: state in " + home);
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            EmbeddedPostgres postgres = step(out, 1, "PostgreSQL 17 on 127.0.0.1:" + postgresPort,
                    () -> EmbeddedPostgres.start(home.resolve("postgres"), postgresPort));
            running.push(postgres);
            postgres.database("mayfly_issuer");
            postgres.database("mayfly_revocation");
            running.push(step(out, 2, "Kafka 4.4 on 127.0.0.1:" + kafkaPort, () -> EmbeddedKafka.start(home.resolve("kafka"), kafkaPort)));
            running.push(step(out, 3, "Elasticsearch 9 on http://127.0.0.1:" + elasticsearchPort,
                    () -> EmbeddedElasticsearch.start(home.resolve("elasticsearch"), elasticsearchPort)));
            if (!issuerSettings.keyEncryptionKey().configured()) {
                // first start: one set of keys for the deployment, made on purpose, as an operator would with ./mayfly
                // keys init (from the issuer's key files when an older dev home has them), never by a service
                if (KeysCommand.run(new String[] {"init"}, settings, out, out) != 0) {
                    throw new IllegalStateException("./mayfly keys init failed");
                }
            }
            IssuerService issuer = step(out, 4, "issuer-service (STS, IAM) on http://127.0.0.1:" + issuerSettings.port()
                    + ", management on " + management(issuerSettings.management()), () -> IssuerService.start(issuerSettings, Clock.systemUTC()));
            running.push(issuer);
            // each service asks the issuer for decisions with its own credential
            PrivateFiles.write(auditSettings.serviceCredentialFile(), issuer.serviceCredential("audit").fileText());
            PrivateFiles.write(revocationSettings.serviceCredentialFile(), issuer.serviceCredential("revocation").fileText());
            // and the example resource server's verifier (README) learns sessions' signing keys with its own
            PrivateFiles.write(home.resolve("keys").resolve("notes.service-credential"), issuer.serviceCredential("notes").fileText());
            running.push(step(out, 5, "audit-service (CloudTrail) on http://127.0.0.1:" + auditSettings.port()
                    + ", management on " + management(auditSettings.management()), () -> AuditService.start(auditSettings)));
            running.push(step(out, 6, "revocation-service on http://127.0.0.1:" + revocationSettings.port()
                    + ", management on " + management(revocationSettings.management()),
                    () -> RevocationService.start(revocationSettings, Clock.systemUTC())));
            bootstrap(issuer, home, out);
            printReady(out, home, issuerSettings, auditSettings, revocationSettings);
            return new Running(home, issuer, running);
        } catch (Exception e) {
            out.println();
            stopAll(running);
            throw new CliException("Mayfly could not start: " + e.getMessage());
        }
    }

    private static String management(ManagementSettings listener) {
        return "http://" + listener.host() + ":" + listener.port();
    }

    private interface Start<T> {
        T start() throws Exception;
    }

    private static <T> T step(PrintStream out, int step, String what, Start<T> start) throws Exception {
        out.print("[" + step + "/" + STEPS + "] " + what + " ... ");
        out.flush();
        long began = System.nanoTime();
        T started = start.start();
        out.printf("ready (%.1f s)%n", (System.nanoTime() - began) / 1e9);
        return started;
    }

    private static void bootstrap(IssuerService issuer, Path home, PrintStream out) throws IOException {
        var created = issuer.accounts().createIfAbsent(BOOTSTRAP_ACCOUNT, "mayfly-dev");
        Path credentials = home.resolve("credentials");
        if (created.isPresent()) {
            writeProfile(home, created.get());
            out.println("Account " + BOOTSTRAP_ACCOUNT + " created; its root key is in " + credentials + " (profile mayfly)");
        } else if (!Files.exists(credentials)) {
            out.println("Account " + BOOTSTRAP_ACCOUNT + " exists but " + credentials + " is gone: its root secret was shown only once."
                    + " Create a new tenant with ./mayfly account create NAME, or start afresh with an empty MAYFLY_HOME.");
        }
    }

    private static void writeProfile(Path home, NewAccount account) throws IOException {
        PrivateFiles.write(home.resolve("credentials"), "[mayfly]\naws_access_key_id = " + account.accessKeyId()
                + "\naws_secret_access_key = " + account.secretAccessKey() + "\n");
        Files.writeString(home.resolve("config"), "[profile mayfly]\nregion = us-east-1\n");
    }

    private static void printReady(PrintStream out, Path home, IssuerSettings issuer, AuditSettings audit, RevocationSettings revocation) {
        int issuerPort = issuer.port();
        int auditPort = audit.port();
        // absolute: the other terminal, and the AWS CLI's credential_process, may be anywhere
        String dir = home.toString();
        out.println();
        out.println("Mayfly is ready. In another terminal:");
        out.println("  export AWS_SHARED_CREDENTIALS_FILE=" + dir + "/credentials AWS_CONFIG_FILE=" + dir + "/config");
        out.println("  aws --profile mayfly --endpoint-url http://127.0.0.1:" + issuerPort + " sts get-caller-identity");
        out.println("  aws --profile mayfly --endpoint-url http://127.0.0.1:" + auditPort + " cloudtrail lookup-events --max-results 5");
        out.println("The audit console: http://127.0.0.1:" + auditPort + "/console/ (sign in with the key in " + dir + "/credentials)");
        out.println("Management ports, this machine only (the admin API that ./mayfly account and keys call, /metrics): issuer "
                + management(issuer.management()) + ", audit " + management(audit.management()) + ", revocation "
                + management(revocation.management()));
        out.println("Ctrl-C stops everything; state stays in " + dir + ".");
    }

    /** Dev mode's embedded Kafka and Elasticsearch take no credentials: settings meant for a production cluster would only fail there. */
    private static void refuseClientSecurity(Settings environment) {
        List<String> set = Stream.concat(KafkaClientSecurity.settingNames().stream(), ElasticsearchConnection.SECURITY_SETTINGS.stream())
                .filter(name -> environment.string(name, null) != null).toList();
        if (!set.isEmpty()) {
            throw new CliException("./mayfly dev runs its own Kafka and Elasticsearch without security: unset " + String.join(", ", set)
                    + ", which are for a production cluster (see docs/configuration.md).");
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new CliException("Port " + port + " on 127.0.0.1 is in use: is ./mayfly dev already running? "
                    + "(Ports can be changed by environment variables; see docs/configuration.md.)");
        }
    }

    private static void stopAll(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
    }
}
