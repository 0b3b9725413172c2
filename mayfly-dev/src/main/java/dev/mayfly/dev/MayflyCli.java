package dev.mayfly.dev;

import dev.mayfly.agent.AgentCommand;
import dev.mayfly.agent.AgentException;
import dev.mayfly.agent.CredentialProcessCommand;
import dev.mayfly.cli.AccountCommand;
import dev.mayfly.cli.AdminTokenCommand;
import dev.mayfly.cli.AuditCommand;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.KeysCommand;
import dev.mayfly.cli.PolicyCommand;
import dev.mayfly.cli.RevokeCommand;
import dev.mayfly.cli.ServiceCredentialCommand;
import dev.mayfly.cli.StatusCommand;
import dev.mayfly.cli.VersionCommand;
import dev.mayfly.cli.WorkloadCommand;
import dev.mayfly.load.BenchCommand;
import dev.mayfly.runtime.Settings;
import java.io.PrintStream;
import java.util.Arrays;

/** The entry point of ./mayfly. */
public final class MayflyCli {

    static final String USAGE = """
            Usage: ./mayfly <command>

            Commands:
              dev [--issuers N]        Start the whole platform on this machine: PostgreSQL, Kafka and
                                       Elasticsearch (embedded, no Docker) and the three services.
                                       State lives in $MAYFLY_HOME and survives restarts (default: .mayfly in
                                       the checkout or installation, wherever the command is run from).
                                       With --issuers N (2 or more), a cluster to break: N issuer processes on one
                                       database behind a round-robin listener on the issuer's port, and the audit
                                       and revocation services in processes of their own; logs in $MAYFLY_HOME/logs.
              test                     Run every test (./mvnw verify with a JDK 21+); extra arguments go to Maven.
              aot [--seconds N]        Make the JDK's AOT cache (Java 25+) that dev then starts from: dev mode in a
                                       scratch directory under bench's load for N seconds (60), the classes it
                                       loaded and its hot methods' profiles written to $MAYFLY_HOME/aot as it stops
                                       (a few minutes, about 250 MB). Dev mode starts in about half the time and
                                       spends less on compiling in its first minutes; a later build makes it stale.
              status [--json]          Which services run (asked on their management ports), their health, version
                                       and the ids of the keys each uses now. Exit status 0 when all three are up.
              version                  Print the version of Mayfly and of the Java it runs on.
              serve issuer | audit | revocation
                                       Run one service alone, configured by environment variables (MAYFLY_*: see
                                       docs/configuration.md), against PostgreSQL, Kafka and Elasticsearch you run;
                                       stops on SIGTERM.
              completion bash | zsh    Print a completion script: source <(./mayfly completion bash), or zsh.
              account create NAME      Create a tenant account (./mayfly dev must be running) and print its
                                       root credentials as JSON: {"AccountId","AccessKeyId","SecretAccessKey"}.
              account sts-region ACCOUNT_ID REGION active|inactive
                                       Activate or deactivate STS in a region for an account: where it is
                                       inactive, the account gets no credentials (RegionDisabledException).
              account rotate-root-key ACCOUNT_ID [--delete-old | --keep-old]
                                       Give the account's root a new access key and print it once as JSON
                                       {"AccountId","AccessKeyId","SecretAccessKey","DeactivatedKeyIds","DeletedKeyIds"}.
                                       The previous keys are deactivated (the tenant can activate one again),
                                       deleted with --delete-old, or left active with --keep-old until the tenant
                                       retires them (aws iam update-access-key / delete-access-key, no --user-name).
              keys init [--force RING...]
                                       Make the deployment's key rings on mayfly.keys, once, sealed under the
                                       key-encryption key (MAYFLY_KEY_ENCRYPTION_KEY[_FILE], made in
                                       $MAYFLY_HOME/keys/key-encryption.key when there is none); rings that exist are
                                       kept, --force replaces the named ones. ./mayfly dev runs it on first start.
              keys rotate              Rotate the keys that seal session tokens and sign session claims, in every
                                       issuer within seconds (through the issuer's admin API): live sessions keep
                                       working; copy the new keys/issuer-signing.pub to resource servers.
              keys rotate RING         Give one ring on mayfly.keys a new current key (RING: session-token,
                                       issuer-signing, web-identity-signing, revocation-signing, audit-feed-signing,
                                       audit-digest-signing; not credential-vault, which issuers read only at
                                       start); its previous keys stay to open or verify what they sealed or
                                       signed, and every process given the key-encryption key switches within
                                       seconds. Prints the old and new key
                                       ids, never keys. Needs the deployment's key-encryption key
                                       (MAYFLY_KEY_ENCRYPTION_KEY[_FILE]) and Kafka (MAYFLY_KAFKA_BOOTSTRAP).
              keys status [--json]     The key each service uses now, beside the current one of each ring on mayfly.keys.
              admin-token rotate       Write a new admin token to its file (MAYFLY_ADMIN_TOKEN_FILE): running issuers
                                       admit it, and refuse the old one, from their next admin call.
              service-credential NAME [--out FILE]
                                       Write the credential a service (audit, revocation) presents to the issuer's
                                       POST /mayfly/authorize, or a resource server's verifier (NAME: its SigV4 service
                                       name) to POST /mayfly/session-key (default $MAYFLY_HOME/keys/NAME.service-credential);
                                       run where the issuer's keys are. ./mayfly dev writes audit's, revocation's, notes'.
              revoke --scope SCOPE --target TARGET [--issued-before T] [--reason TEXT] [--quarantine-until T] | list | lift RULE_ID
                                       Refuse every session in a scope (Account, Role, Principal, AccessKey,
                                       SourceIdentity, SessionTag key=value) issued before T (default: now);
                                       an AccessKey rule naming a long-term key (AKIA...) refuses the key too,
                                       and every session it started; with --quarantine-until T, refuse new sessions for a role or principal
                                       until T; list the account's rules; lift one. Signs with AWS_ACCESS_KEY_ID
                                       and AWS_SECRET_ACCESS_KEY, or the dev profile.
              audit validate --from T1 --to T2 [--account ACCOUNT_ID] [--public-key FILE]
                                       Check the account's audit trail against its signed digests: every record
                                       modified, deleted or inserted after the fact, every break in the chain.
                                       Exit status 0 when intact, 1 when not.
              policy generate --principal ARN --since 7d|T [--until T]
                                       Print the IAM policy (JSON) that allows only the actions the principal used
                                       successfully in the window, on the resources its audit records name ("*"
                                       where they name none), as IAM Access Analyzer generates it. ARN: a user
                                       (arn:aws:iam::ACCOUNT:user/NAME), a role with every session of it
                                       (arn:aws:iam::ACCOUNT:role/NAME) or one role session
                                       (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION). T: a time
                                       (2026-12-01T00:00:00Z) or a span before now (30m, 12h, 7d); --until
                                       defaults to now; 90 days at most. Needs cloudtrail:LookupEvents.
              policy unused --account ACCOUNT_ID --days N [--json]
                                       The account's users, roles and access keys not used for N days (1-90), and
                                       the actions each user and role is granted (inline, attached and group
                                       policies) and did not use: IAM's view of who exists and what each may do,
                                       and IAM's key last-used dates, against the audit trail of the N days.
              audit public-key         Print the public key (PEM) that signs the digests, for an auditor to keep.
              audit rebuild [--from topic|event-store]
                                       Write every audit record again into Elasticsearch, from the beginning of the
                                       events topic or from the event stores; safe beside the running service.
              bench [--seconds 20] [--concurrency 16] [--warmup 5] [--profile FILE]
                                       Load test against ./mayfly dev: AssumeRole end to end from concurrent
                                       clients; prints throughput, latency percentiles, and the platform's CPU per
                                       call split by component (request handling, event store, Kafka, publishing,
                                       audit projection, Elasticsearch, digester, PostgreSQL, JIT, GC), from /proc
                                       (Linux; the processes listening on the issuer's and PostgreSQL's ports, and
                                       their children). --profile: a JFR recording of the measured phase in the
                                       platform's JVM, started and stopped with jcmd, written to FILE.
              bench compare --against URL [--rounds 3] [--seconds 20] [--concurrency 16] [--warmup 5] [--against-access-key K] [--against-secret-key S] [--against-role-arn ARN]
                                       The same AssumeRole load against ./mayfly dev and another STS endpoint
                                       (moto_server, say), in alternating rounds: each round's throughput, p50 and
                                       p99 for both, and the ratio. The other endpoint is called with the key and
                                       role given (default: AWS's example key and a role in account 123456789012,
                                       which moto_server accepts).
              bench audit [--rate 1000] [--seconds 30] [--warmup 5] [--sample-every 20]
                                       Audit freshness against ./mayfly dev: AssumeRole at a fixed rate, and the time
                                       from a call's answer until its CloudTrail record is searchable.
              bench isolation [--seconds 20] [--flood 16] [--warmup 5]
                                       Tenant isolation against ./mayfly dev: one account's AssumeRole latency alone,
                                       then while another account floods AssumeRole from many clients.
              bench revocation [--rules 100] [--verifiers 3]
                                       Revocation latency against ./mayfly dev: rule added through the API
                                       until refused by every verifier (run in this process) and the issuer.
              bench detection [--rounds 50] [--verifiers 3]
                                       Detection-to-response latency against ./mayfly dev: a session refused an
                                       AssumeRole, until a detection's Revoke is enforced by every verifier and the issuer.
              bench failover [--seconds 20] [--concurrency 8] [--warmup 5]
                                       Failover against ./mayfly dev --issuers N: AssumeRole through the round-robin
                                       listener, retried as the AWS SDKs do, and one issuer killed (SIGKILL) half-way;
                                       prints the calls that failed, p99 before and after, and the time to recover.
              bench verifier [--sessions 500] [--warmup 300]
                                       A resource server's verifier against ./mayfly dev: latency of a new session's first
                                       request (one question to the issuer) and of the next, and decisions per CPU-second.
              bench fuzz [--requests 100000] [--seconds 600] [--seed S] [--source 127.0.0.1] [--agent http://127.0.0.1:7073]
                                       Hostile requests against ./mayfly dev (loopback only): garbage to every endpoint of
                                       every service and the metadata agent (when one runs), one in 20 a valid signed call.
                                       Then checks: no 5xx and no stack trace in any answer, every service healthy, every
                                       valid call in the audit trail exactly once, the trail intact (audit validate).
                                       Exit status 1 on any finding; the same --seed replays a run.
              workload create NAME --role-arn ARN [--session-name S] [--duration-seconds N] [--allowed-cidr CIDR]... [--oidc-provider-arn ARN --namespace NS --service-account SA]
                                       Register a workload (an application that must never hold keys) and print
                                       {"CredentialsUri","AuthorizationToken"} for the container credentials protocol
                                       (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN), and
                                       the credential_process line that gives this machine's AWS CLI its credentials.
                                       With an OIDC identity, no token: a Kubernetes pod of that service account proves
                                       itself with its projected token (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE).
              workload list | get NAME | rotate NAME | revoke NAME | delete NAME
                                       Manage workloads: rotate prints a new token, revoke leaves none.
              agent --workload NAME | --token-file FILE [--listen 127.0.0.1:7073] [--allow-imdsv1]
                                       Serve the workload's credentials IMDSv2-style for SDKs pointed at it with
                                       AWS_EC2_METADATA_SERVICE_ENDPOINT; refreshes them in memory, never on disk.
              credential-process --workload NAME | --token-file FILE
                                       Print the workload's credentials as credential_process Version 1 JSON.
              help                     Show this help.

            Endpoints in dev mode: issuer (STS, IAM) http://127.0.0.1:7070, audit (CloudTrail LookupEvents)
            http://127.0.0.1:7071, revocation http://127.0.0.1:7072; Kafka 127.0.0.1:9092,
            Elasticsearch http://127.0.0.1:9200, PostgreSQL 127.0.0.1:5433. Management ports (the admin API that
            account, keys and bench isolation call, /metrics), on 127.0.0.1 only: issuer 8070, audit 8071,
            revocation 8072 (MAYFLY_ISSUER_MANAGEMENT_URL tells the CLI where the issuer's is).
            Every port and host can be changed by environment variables (see docs/configuration.md).
            """;

    /** Where a command's entry starts in {@link #USAGE}; its further lines are indented deeper. */
    private static final String ENTRY_INDENT = "  ";

    private MayflyCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Settings.fromEnvironment(), System.out, System.err));
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (Arrays.stream(args).skip(1).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"))) {
            String usage = usageOf(args[0]);
            if (!usage.isEmpty()) {
                out.print(usage);
                return 0;
            }
        }
        try {
            return switch (args[0]) {
                case "dev" -> DevMode.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
                case "status" -> StatusCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out, err);
                case "version" -> VersionCommand.run(out);
                case "serve" -> ServeCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, err);
                case "completion" -> CompletionCommand.run(Arrays.copyOfRange(args, 1, args.length), USAGE, out, err);
                case "account" -> AccountCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out, err);
                case "keys" -> KeysCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out, err);
                case "admin-token" -> AdminTokenCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out, err);
                case "service-credential" -> ServiceCredentialCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out, err);
                case "bench" -> BenchCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
                case "revoke" -> RevokeCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out, err);
                case "policy" -> PolicyCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out, err);
                case "audit" -> AuditCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out, err);
                case "workload" -> WorkloadCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out, err);
                case "agent" -> AgentCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
                case "credential-process" -> CredentialProcessCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
                default -> {
                    err.println("Unknown command '" + args[0] + "'.");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (CliException | AgentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /**
     * The entries of {@link #USAGE} for one command, so that {@code ./mayfly bench audit --help} explains instead of
     * starting a benchmark; empty for a command the usage does not list.
     */
    static String usageOf(String command) {
        StringBuilder usage = new StringBuilder();
        boolean inEntry = false;
        for (String line : USAGE.lines().toList()) {
            if (line.startsWith(ENTRY_INDENT) && !line.startsWith(ENTRY_INDENT + " ")) {
                inEntry = line.substring(ENTRY_INDENT.length()).split(" ")[0].equals(command);
            } else if (line.isBlank() || !line.startsWith(ENTRY_INDENT)) {
                inEntry = false;
            }
            if (inEntry) {
                usage.append(line).append('\n');
            }
        }
        return usage.isEmpty() ? "" : "Usage: ./mayfly " + command + " ...\n\n" + usage;
    }
}
