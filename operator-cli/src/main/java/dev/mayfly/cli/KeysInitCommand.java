package dev.mayfly.cli;

import dev.mayfly.audit.AuditSettings;
import dev.mayfly.audit.integrity.DigestSigner;
import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.KeyEncryptionKey;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.deploymentkeys.KeyRingTopic;
import dev.mayfly.deploymentkeys.KeysInit;
import dev.mayfly.issuer.AdminTokenFile;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.issuer.authz.ServiceCredentials;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ./mayfly keys init [--force RING...]: makes the deployment's key rings on mayfly.keys, once. The key-encryption key is
 * the issuer's (MAYFLY_KEY_ENCRYPTION_KEY, or the file MAYFLY_KEY_ENCRYPTION_KEY_FILE, by default
 * $MAYFLY_HOME/keys/key-encryption.key), made in that file when there is none. A ring the topic lacks is made from the
 * service's key file of before (MAYFLY_TOKEN_KEYS_FILE, MAYFLY_VAULT_KEYS_FILE, issuer-signing.keys, web-identity-signing.keys,
 * revocation-signing.keys, audit-feed-signing.keys, MAYFLY_AUDIT_SIGNING_KEY) when there is one on this machine, so that the sessions and stored
 * secrets they sealed keep opening; else fresh. Rings that exist are kept; --force replaces the rings it names with
 * fresh keys, and whatever their old keys sealed no longer opens. Prints key ids, never keys.
 */
final class KeysInitCommand {

    private KeysInitCommand() {
    }

    /** The services' key files of before mayfly.keys, by ring name: those that exist on this machine. */
    private static Map<String, String> existingKeyFiles(IssuerSettings issuer, RevocationSettings revocation, AuditSettings audit) {
        Map<String, Path> files = Map.of(DeploymentRing.SESSION_TOKEN.ringName(), issuer.tokenKeysFile(),
                DeploymentRing.CREDENTIAL_VAULT.ringName(), issuer.vaultKeysFile(),
                DeploymentRing.ISSUER_SIGNING.ringName(), issuer.signingKeysFile(),
                DeploymentRing.WEB_IDENTITY_SIGNING.ringName(), issuer.webIdentityKeysFile(),
                DeploymentRing.REVOCATION_SIGNING.ringName(), revocation.signingKeysFile(),
                DeploymentRing.AUDIT_FEED_SIGNING.ringName(), audit.signingKeysFile());
        Map<String, String> existing = new TreeMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            if (Files.exists(file.getValue())) {
                try {
                    existing.put(file.getKey(), PrivateFiles.read(file.getValue()));
                } catch (IOException e) {
                    throw new CliException("the key file " + file.getValue() + " could not be read to import it: " + e.getMessage());
                }
            }
        }
        // the service-credentials key is one key in hex: imported as the ring's one key, so services' credentials stay valid
        Path serviceCredentialsKey = issuer.serviceCredentialsKeyFile();
        if (Files.exists(serviceCredentialsKey)) {
            try {
                existing.put(DeploymentRing.SERVICE_CREDENTIALS.ringName(), ServiceCredentials.fileAsRing(serviceCredentialsKey));
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException("the service-credentials key " + serviceCredentialsKey + " could not be read to import it: "
                        + e.getMessage());
            }
        }
        // the digest key is a PEM file, not key lines: imported as the ring's one key, so the chain's key stays the same
        Path digestKey = audit.integrity().signingKeyFile();
        if (Files.exists(digestKey)) {
            try {
                existing.put(DeploymentRing.AUDIT_DIGEST_SIGNING.ringName(), DigestSigner.ringLine(digestKey));
            } catch (IOException e) {
                throw new CliException("the digest signing key " + digestKey + " could not be read to import it: " + e.getMessage());
            }
        }
        return existing;
    }

    /** The deployment's admin token, made here once: with a key-encryption key an issuer never makes one. */
    private static void makeAdminToken(Path file, PrintStream out) {
        try {
            if (AdminTokenFile.createIfAbsent(file)) {
                out.println("made the admin token in " + file + " (owner-only): give this same file to every issuer");
            }
        } catch (IOException e) {
            throw new CliException("the admin token could not be written to " + file + ": " + e.getMessage());
        }
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        Set<String> replace = new LinkedHashSet<>();
        if (args.length > 0) {
            if (!args[0].equals("--force") || args.length == 1) {
                err.println(KeysCommand.USAGE + "  (RING: " + String.join(", ", KeysInit.names()) + ")");
                return 2;
            }
            replace.addAll(List.of(args).subList(1, args.length));
        }
        KeyEncryptionKeySource source = DeploymentKeyRings.source(settings);
        if (!source.fromEnvironment()) {
            try {
                if (KeyEncryptionKey.createIfAbsent(source.file())) {
                    out.println("made a key-encryption key in " + source.file() + " (owner-only): give this same key to every"
                            + " process (" + KeyEncryptionKeySource.FILE + " or " + KeyEncryptionKeySource.VALUE + "), and keep a copy"
                            + " apart from Kafka's backups");
                }
            } catch (IOException e) {
                throw new CliException("the key-encryption key could not be written to " + source.file() + ": " + e.getMessage());
            }
        }
        KeyEncryptionKey kek = DeploymentKeyRings.load(source);
        IssuerSettings issuer = IssuerSettings.from(settings);
        Map<String, String> existing = existingKeyFiles(issuer, RevocationSettings.from(settings), AuditSettings.from(settings));
        try {
            KafkaTopics.ensure(settings.kafka(), KafkaTopics.mayflyTopics(issuer.eventPartitions(), issuer.kafkaReplication()));
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage() + " (MAYFLY_KAFKA_BOOTSTRAP)");
        }
        try (KeyRingTopic rings = DeploymentKeyRings.read(settings, kek)) {
            for (KeysInit.Outcome outcome : KeysInit.run(rings, replace, existing, Instant.now())) {
                out.printf("%-20s %-8s %s (generation %d)%n", outcome.ring().ringName(), outcome.action().name().toLowerCase(),
                        outcome.stored().currentKeyId(), outcome.stored().generation());
            }
            out.println("key rings on mayfly.keys under key-encryption key " + kek.id());
            makeAdminToken(issuer.adminTokenFile(), out);
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("the key rings could not be written: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
