package dev.mayfly.cli;

import dev.mayfly.contract.Json;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.deploymentkeys.KeyRingTopic;
import dev.mayfly.deploymentkeys.StoredRing;
import dev.mayfly.runtime.Settings;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ./mayfly keys status [--json]: the id of the key each service seals and signs with now (each service's GET /about, as
 * ./mayfly status asks it), and, when this machine holds the key-encryption key, the current key of each ring on
 * mayfly.keys, marking every key that differs from it (a rotation not reached yet, or a service on key files of its own).
 * Key ids only, never keys.
 */
final class KeysStatusCommand {

    private KeysStatusCommand() {
    }

    /**
     * @param rings        the current key id of each ring on mayfly.keys; empty when the rings were not read
     * @param ringsProblem why the rings were not read; null when they were
     */
    record KeysStatus(Map<String, String> rings, String ringsProblem, List<ServiceKeys> services) {
    }

    /** @param behind the key purposes whose id differs from the ring's current one on mayfly.keys */
    record ServiceKeys(String service, String status, Map<String, String> keysInUse, List<String> behind) {
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        boolean json = args.length == 1 && args[0].equals("--json");
        if (args.length > 1 || (args.length == 1 && !json)) {
            err.println(KeysCommand.USAGE);
            return 2;
        }
        Map<String, String> rings;
        String ringsProblem = null;
        KeyEncryptionKeySource source = DeploymentKeyRings.source(settings);
        if (!source.configured()) {
            rings = Map.of();
            ringsProblem = "no key-encryption key here (" + source + "): each service's keys are shown as it reports them";
        } else {
            try {
                rings = currentRings(settings, source);
            } catch (CliException e) {
                // what the services use is worth showing all the same
                rings = Map.of();
                ringsProblem = e.getMessage();
            }
        }
        Map<String, String> current = rings;
        List<ServiceKeys> services = StatusCommand.askAll(settings).stream().map(service -> new ServiceKeys(service.service(),
                service.status(), service.keysInUse(), service.keysInUse().entrySet().stream()
                .filter(key -> current.containsKey(key.getKey()) && !current.get(key.getKey()).equals(key.getValue()))
                .map(Map.Entry::getKey).toList())).toList();
        KeysStatus status = new KeysStatus(rings, ringsProblem, services);
        if (json) {
            out.println(Json.mapper().valueToTree(status).toPrettyString());
        } else {
            print(status, out);
        }
        // a service that differs may run on key files of its own (an audit or revocation service given no KEK): shown, not failed
        return 0;
    }

    private static Map<String, String> currentRings(Settings settings, KeyEncryptionKeySource source) {
        try (KeyRingTopic topic = DeploymentKeyRings.read(settings, DeploymentKeyRings.load(source))) {
            Map<String, String> current = new TreeMap<>();
            topic.rings().values().forEach((StoredRing ring) -> current.put(ring.name(), ring.currentKeyId()));
            return current;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static void print(KeysStatus status, PrintStream out) {
        if (status.ringsProblem() != null) {
            out.println("mayfly.keys      not read: " + status.ringsProblem());
        }
        status.rings().forEach((ring, id) -> out.printf("mayfly.keys      %-21s %s%n", ring, id));
        for (ServiceKeys service : status.services()) {
            Map<String, String> keys = new LinkedHashMap<>(service.keysInUse());
            if (keys.isEmpty()) {
                out.printf("%-16s %s%n", service.service(), service.status());
            }
            keys.forEach((purpose, id) -> out.printf("%-16s %-21s %s%s%n", service.service(), purpose, id,
                    service.behind().contains(purpose) ? "   (not the current key on mayfly.keys: not switched yet, or on key files of its own)" : ""));
        }
    }
}
