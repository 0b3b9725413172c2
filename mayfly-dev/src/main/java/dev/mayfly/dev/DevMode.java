package dev.mayfly.dev;

import dev.mayfly.audit.AuditService;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.KeysCommand;
import dev.mayfly.cli.ClusterMembers;
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
import java.util.ArrayList;
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

    static final String USAGE = "Usage: ./mayfly dev [--issuers N]";

    static int run(String[] args, Settings environment, PrintStream out) {
        int issuers = issuers(args);
        CountDownLatch stopped = new CountDownLatch(1);
        AutoCloseable platform = issuers > 1 ? ClusterMode.start(environment, issuers, out) : start(environment, out);
        Path home = settings(environment).home();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nStopping Mayfly...");
            try {
                platform.close();
            } catch (Exception e) {
                out.println("Not everything stopped cleanly: " + e.getMessage());
            }
            out.println("Stopped. State kept in " + home);
            stopped.countDown();
        }, "mayfly-dev-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** How many issuers --issuers asks for: 1 (one JVM for everything) unless it says more. */
    static int issuers(String[] args) {
        if (args.length == 0) {
            return 1;
        }
        if (args.length == 2 && args[0].equals("--issuers") && args[1].matches("[1-9]\\d?")) {
            return Integer.parseInt(args[1]);
        }
        throw new CliException(USAGE + " (N from 1 to 99; 2 or more starts a cluster: one process an issuer)");
    }

    /** The platform while it runs; closing it stops everything in reverse order of start. */
    record Running(Path home, IssuerService issuer, Deque<AutoCloseable> parts) implements AutoCloseable {
        @Override
        public void close() {
            stopAll(parts);
        }
    }

    private static final String POSTGRES_PORT = "MAYFLY_POSTGRES_PORT";
    private static final String KAFKA_PORT = "MAYFLY_KAFKA_PORT";
    private static final String ELASTICSEARCH_PORT = "MAYFLY_ELASTICSEARCH_PORT";
    private static final String STS_RATE = "MAYFLY_STS_REQUESTS_PER_SECOND";
    private static final String IAM_RATE = "MAYFLY_IAM_REQUESTS_PER_SECOND";
    private static final String AUDIT_RATE = "MAYFLY_AUDIT_REQUESTS_PER_SECOND";

    static Running start(Settings environment, PrintStream out) {
        Settings settings = settings(environment);
        Path home = settings.home();
        IssuerSettings issuerSettings = IssuerSettings.from(settings);
        AuditSettings auditSettings = AuditSettings.from(settings);
        RevocationSettings revocationSettings = RevocationSettings.from(settings);
        requireFree(settings, issuerSettings.port(), auditSettings.port(), revocationSettings.port(), issuerSettings.management().port(),
                auditSettings.management().port(), revocationSettings.management().port());
        out.println("Mayfly dev mode: state in " + home);
        ClusterMembers.delete(home);   // left by a cluster whose JVM was killed: status would show its issuers
        StartupSteps steps = new StartupSteps(out, STEPS);
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            startInfrastructure(settings, steps, running);
            initKeys(settings, out);
            IssuerService issuer = steps.step("issuer-service (STS, IAM) on http://127.0.0.1:" + issuerSettings.port()
                    + ", management on " + management(issuerSettings.management()), () -> IssuerService.start(issuerSettings, Clock.systemUTC()));
            running.push(issuer);
            writeServiceCredentials(issuer, settings);
            running.push(steps.step("audit-service (CloudTrail) on http://127.0.0.1:" + auditSettings.port()
                    + ", management on " + management(auditSettings.management()), () -> AuditService.start(auditSettings)));
            running.push(steps.step("revocation-service on http://127.0.0.1:" + revocationSettings.port()
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

    /**
     * Dev mode's settings: the environment's, with MAYFLY_HOME absolute and every service pointed at the embedded
     * infrastructure; refused when they ask for what dev mode does not do (TLS, secured Kafka or Elasticsearch).
     */
    static Settings settings(Settings environment) {
        if (TlsSettings.from(environment).isPresent()) {
            // dev mode's endpoints, printed instructions and benchmarks are all http://127.0.0.1; HTTPS is for services
            // run on their own, each with MAYFLY_TLS_KEYSTORE and, for a private CA, MAYFLY_TLS_TRUSTSTORE
            throw new CliException("./mayfly dev serves plain HTTP on 127.0.0.1: unset MAYFLY_TLS_KEYSTORE, which is for"
                    + " services run on their own (see docs/configuration.md).");
        }
        refuseClientSecurity(environment);
        Path home = environment.home().toAbsolutePath().normalize();
        int postgresPort = environment.integer(POSTGRES_PORT, 5433);
        int kafkaPort = environment.integer(KAFKA_PORT, 9092);
        int elasticsearchPort = environment.integer(ELASTICSEARCH_PORT, 9200);
        return environment.with(Map.ofEntries(
                Map.entry("MAYFLY_HOME", home.toString()),
                Map.entry(POSTGRES_PORT, Integer.toString(postgresPort)),
                Map.entry(KAFKA_PORT, Integer.toString(kafkaPort)),
                Map.entry(ELASTICSEARCH_PORT, Integer.toString(elasticsearchPort)),
                Map.entry("MAYFLY_KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort),
                Map.entry("MAYFLY_ISSUER_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/mayfly_issuer"),
                Map.entry("MAYFLY_REVOCATION_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/mayfly_revocation"),
                Map.entry("MAYFLY_ELASTICSEARCH_URL", "http://127.0.0.1:" + elasticsearchPort),
                Map.entry("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + IssuerSettings.from(environment).port()),
                // identity providers tried out with dev mode run on the same machine or network
                Map.entry(IssuerSettings.OIDC_ALLOW_PRIVATE_ADDRESSES, environment.string(IssuerSettings.OIDC_ALLOW_PRIVATE_ADDRESSES, "true")),
                // and so are the webhooks that receive the detections' findings
                Map.entry(AuditSettings.DETECTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
                        environment.string(AuditSettings.DETECTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES, "true")),
                // dev mode is where the benchmarks load one account with thousands of calls a second; AWS's 600 per
                // second (the production default) is one setting away
                Map.entry(STS_RATE, environment.string(STS_RATE, "20000")),
                Map.entry(IAM_RATE, environment.string(IAM_RATE, "2000")),
                Map.entry(AUDIT_RATE, environment.string(AUDIT_RATE, "200"))));
    }

    /** Refuses to start when the infrastructure's ports, or any of these, are taken: another dev mode, most likely. */
    static void requireFree(Settings settings, int... servicePorts) {
        requireFree(settings.integer(POSTGRES_PORT, 5433));
        requireFree(settings.integer(KAFKA_PORT, 9092));
        requireFree(settings.integer(ELASTICSEARCH_PORT, 9200));
        for (int port : servicePorts) {
            requireFree(port);
        }
    }

    /** PostgreSQL with the issuer's and the revocation service's databases, Kafka, Elasticsearch: three steps, taken together. */
    static void startInfrastructure(Settings settings, StartupSteps steps, Deque<AutoCloseable> running) throws Exception {
        Path home = settings.home();
        int postgresPort = settings.integer(POSTGRES_PORT, 5433);
        int kafkaPort = settings.integer(KAFKA_PORT, 9092);
        int elasticsearchPort = settings.integer(ELASTICSEARCH_PORT, 9200);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            steps.together(List.of(
                    new StartupSteps.Step<>("PostgreSQL 17 on 127.0.0.1:" + postgresPort, () -> postgresWithDatabases(home, postgresPort)),
                    new StartupSteps.Step<>("Kafka 4.4 on 127.0.0.1:" + kafkaPort, () -> EmbeddedKafka.start(home.resolve("kafka"), kafkaPort)),
                    new StartupSteps.Step<>("Elasticsearch 9 on http://127.0.0.1:" + elasticsearchPort,
                            () -> EmbeddedElasticsearch.start(home.resolve("elasticsearch"), elasticsearchPort))), started);
        } finally {
            started.forEach(running::push);
        }
    }

    private static EmbeddedPostgres postgresWithDatabases(Path home, int port) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(home.resolve("postgres"), port);
        try {
            postgres.database("mayfly_issuer");
            postgres.database("mayfly_revocation");
            return postgres;
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * One set of keys for the deployment, made on purpose as an operator would with ./mayfly keys init (from the issuer's
     * key files when an older dev home has them), never by a service. Run at every start: it keeps the rings that exist
     * and makes those a newer version needs (a dev home from before the audit's digest ring, say).
     */
    static void initKeys(Settings settings, PrintStream out) {
        if (KeysCommand.run(new String[] {"init"}, settings, out, out) != 0) {
            throw new IllegalStateException("./mayfly keys init failed");
        }
    }

    /**
     * Each service asks the issuer for decisions with its own credential, and the example resource server's verifier
     * (README) learns sessions' signing keys with its own.
     */
    static void writeServiceCredentials(IssuerService issuer, Settings settings) throws IOException {
        PrivateFiles.write(AuditSettings.from(settings).serviceCredentialFile(), issuer.serviceCredential("audit").fileText());
        PrivateFiles.write(RevocationSettings.from(settings).serviceCredentialFile(), issuer.serviceCredential("revocation").fileText());
        PrivateFiles.write(settings.home().resolve("keys").resolve("notes.service-credential"), issuer.serviceCredential("notes").fileText());
    }

    static String management(ManagementSettings listener) {
        return "http://" + listener.host() + ":" + listener.port();
    }

    static void bootstrap(IssuerService issuer, Path home, PrintStream out) throws IOException {
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

    static void printReady(PrintStream out, Path home, IssuerSettings issuer, AuditSettings audit, RevocationSettings revocation) {
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

    static void stopAll(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
    }
}
