package dev.mayfly.dev;

import dev.mayfly.audit.AuditSettings;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.ClusterMembers;
import dev.mayfly.cli.ClusterMembers.Member;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.issuer.IssuerService;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.HttpService;
import dev.mayfly.runtime.ManagementSettings;
import dev.mayfly.runtime.Settings;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * ./mayfly dev --issuers N (N of 2 or more): the embedded infrastructure in this JVM, as in single-JVM dev mode, and
 * every service in a JVM of its own ({@link ChildProcess}): N issuers on one database and one Kafka, each with a
 * directory of its own under $MAYFLY_HOME for what is local to a process, and the audit and revocation services. A
 * {@link RoundRobinListener} on the issuer's usual port stands in front of the issuers, as a load balancer would, so
 * that an issuer can be killed under load and the clients carry on.
 *
 * <p>The issuers share the session token, credential vault, signing and admin token files (those of $MAYFLY_HOME/keys):
 * they are created, with the dev account and the services' credentials, by an issuer run briefly in this JVM before the
 * cluster's start, so that no two issuers race to create them. Issuer-1's management listener takes the issuer's usual
 * management port, where ./mayfly account and keys call; the others', and the issuers' own public ports, are free
 * ports, listed in $MAYFLY_HOME/{@value ClusterMembers#FILE} ({@link ClusterMembers}) while the cluster runs.
 */
final class ClusterMode {

    /** The JVM options of each service's process, when MAYFLY_CLUSTER_JAVA_OPTS does not say: five of them share the machine. */
    static final String DEFAULT_JAVA_OPTS = "-Xmx384m -XX:+UseSerialGC";
    static final String JAVA_OPTS = "MAYFLY_CLUSTER_JAVA_OPTS";
    /** How often the listener asks each issuer whether it is ready: a dead issuer is passed over at once all the same. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /**
     * One issuer of the cluster.
     *
     * @param port           its own public port, behind the round-robin listener
     * @param managementPort its management listener
     */
    record Issuer(ChildProcess process, int port, int managementPort) {
        URI url() {
            return URI.create("http://127.0.0.1:" + port);
        }

        URI management() {
            return URI.create("http://127.0.0.1:" + managementPort);
        }
    }

    /**
     * The cluster while it runs; closing it stops the listener, the services (all draining at once: each takes seconds),
     * then the infrastructure.
     */
    record Running(Path home, RoundRobinListener listener, List<Issuer> issuers, List<ChildProcess> services,
                   Deque<AutoCloseable> parts) implements AutoCloseable {
        @Override
        public void close() {
            ClusterMembers.delete(home);
            services.forEach(ChildProcess::signalStop);
            DevMode.stopAll(parts);
        }
    }

    private ClusterMode() {
    }

    static Running start(Settings environment, int issuers, PrintStream out) {
        return start(environment, issuers, out, issuer -> { });
    }

    /**
     * @param prepare what to do with the issuer run briefly before the cluster starts, beside creating the dev account:
     *                state every issuer loads when it starts (tests set up their users and roles there)
     */
    static Running start(Settings environment, int issuerCount, PrintStream out, Consumer<IssuerService> prepare) {
        Settings settings = DevMode.settings(environment);
        Path home = settings.home();
        IssuerSettings shared = IssuerSettings.from(settings);
        AuditSettings auditSettings = AuditSettings.from(settings);
        RevocationSettings revocationSettings = RevocationSettings.from(settings);
        DevMode.requireFree(settings, shared.port(), auditSettings.port(), revocationSettings.port(), shared.management().port(),
                auditSettings.management().port(), revocationSettings.management().port());
        String javaOptions = settings.string(JAVA_OPTS, DEFAULT_JAVA_OPTS);
        out.println("Mayfly dev mode, a cluster of " + issuerCount + " issuers: state in " + home + ", each service's log in "
                + home.resolve("logs"));
        StartupSteps steps = new StartupSteps(out, 3 + 1 + 1 + issuerCount + 2);
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            DevMode.startInfrastructure(settings, steps, running);
            DevMode.initKeys(settings, out);
            steps.step("service credentials and account " + DevMode.BOOTSTRAP_ACCOUNT.value() + " (an issuer in this JVM, briefly)", () -> {
                prepareSharedState(settings, shared, out, prepare);
                return null;
            });

            List<Issuer> issuers = new ArrayList<>();
            for (int i = 1; i <= issuerCount; i++) {
                int port = FreePorts.next();
                // issuer-1 where the CLI's admin commands look for the issuer's management listener
                int managementPort = i == 1 ? shared.management().port() : FreePorts.next();
                String name = "issuer-" + i;
                ChildProcess process = ChildProcess.start(name, "issuer", issuerEnvironment(settings, shared, home.resolve(name), port,
                        managementPort), javaOptions, home.resolve("logs").resolve(name + ".log"));
                running.push(process);
                issuers.add(new Issuer(process, port, managementPort));
            }
            List<RoundRobinListener.Backend> backends = issuers.stream().map(issuer -> new RoundRobinListener.Backend(
                    new InetSocketAddress("127.0.0.1", issuer.port()), issuer.management().resolve(HttpService.READINESS_PATH))).toList();
            RoundRobinListener listener = steps.step("round-robin listener for the issuers on http://127.0.0.1:" + shared.port(),
                    () -> RoundRobinListener.start(shared.host(), shared.port(), backends, PROBE_INTERVAL));
            running.push(listener);
            for (Issuer issuer : issuers) {
                steps.step(issuer.process().name() + " (STS, IAM) on " + issuer.url() + ", management on " + issuer.management()
                        + ", log " + issuer.process().log(), () -> {
                    issuer.process().awaitReady(issuer.management().resolve(HttpService.READINESS_PATH), START_TIMEOUT);
                    return null;
                });
            }
            // after the issuers: both ask the issuer (through the listener) for decisions from their first request
            ChildProcess audit = ChildProcess.start("audit", "audit", settings.values(), javaOptions, home.resolve("logs").resolve("audit.log"));
            running.push(audit);
            ChildProcess revocation = ChildProcess.start("revocation", "revocation", settings.values(), javaOptions,
                    home.resolve("logs").resolve("revocation.log"));
            running.push(revocation);
            steps.step("audit-service (CloudTrail) on http://127.0.0.1:" + auditSettings.port() + ", management on "
                    + DevMode.management(auditSettings.management()) + ", log " + audit.log(), () -> {
                audit.awaitReady(readiness(auditSettings.management()), START_TIMEOUT);
                return null;
            });
            steps.step("revocation-service on http://127.0.0.1:" + revocationSettings.port() + ", management on "
                    + DevMode.management(revocationSettings.management()) + ", log " + revocation.log(), () -> {
                revocation.awaitReady(readiness(revocationSettings.management()), START_TIMEOUT);
                return null;
            });
            ClusterMembers.write(home, issuers.stream().map(issuer -> new Member(issuer.process().name(), issuer.process().pid(),
                    issuer.url(), issuer.management())).toList());
            DevMode.printReady(out, home, shared, auditSettings, revocationSettings);
            out.println("The issuers behind http://127.0.0.1:" + shared.port() + " (round robin; kill one and the others serve):");
            issuers.forEach(issuer -> out.println("  " + issuer.process().name() + " pid " + issuer.process().pid() + ", " + issuer.url()
                    + ", management " + issuer.management()));
            List<ChildProcess> services = new ArrayList<>(issuers.stream().map(Issuer::process).toList());
            services.addAll(List.of(audit, revocation));
            return new Running(home, listener, List.copyOf(issuers), List.copyOf(services), running);
        } catch (Exception e) {
            out.println();
            DevMode.stopAll(running);
            throw new CliException("Mayfly could not start: " + e.getMessage());
        }
    }

    /**
     * Runs an issuer in this JVM, on any free ports, long enough to create what every issuer of the cluster shares and
     * must not race for: the key files, the dev account, the services' credentials; and whatever prepare adds.
     */
    private static void prepareSharedState(Settings settings, IssuerSettings shared, PrintStream out, Consumer<IssuerService> prepare)
            throws Exception {
        IssuerSettings briefly = IssuerSettings.from(settings.with(Map.of("MAYFLY_ISSUER_PORT", "0", "MAYFLY_ISSUER_MANAGEMENT_PORT", "0")));
        try (IssuerService issuer = IssuerService.start(briefly, Clock.systemUTC())) {
            DevMode.writeServiceCredentials(issuer, settings);
            DevMode.bootstrap(issuer, settings.home(), out);
            prepare.accept(issuer);
        }
    }

    /** Issuer-N's environment: its own ports and home directory, and the key files of $MAYFLY_HOME/keys that all share. */
    private static Map<String, String> issuerEnvironment(Settings settings, IssuerSettings shared, Path home, int port, int managementPort) {
        Map<String, String> environment = new HashMap<>(settings.values());
        environment.put("MAYFLY_HOME", home.toString());
        environment.put("MAYFLY_ISSUER_PORT", Integer.toString(port));
        environment.put("MAYFLY_ISSUER_MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.put("MAYFLY_TOKEN_KEYS_FILE", shared.tokenKeysFile().toString());
        environment.put("MAYFLY_VAULT_KEYS_FILE", shared.vaultKeysFile().toString());
        environment.put("MAYFLY_ADMIN_TOKEN_FILE", shared.adminTokenFile().toString());
        environment.put("MAYFLY_REVOCATION_PUBLIC_KEYS_FILE", shared.revocationPublicKeysFile().toString());
        // the deployment's key rings on mayfly.keys, opened with the one key-encryption key that keys init made
        environment.put(KeyEncryptionKeySource.FILE, shared.keyEncryptionKey().file().toString());
        return environment;
    }

    private static URI readiness(ManagementSettings management) {
        return URI.create(DevMode.management(management) + HttpService.READINESS_PATH);
    }
}
