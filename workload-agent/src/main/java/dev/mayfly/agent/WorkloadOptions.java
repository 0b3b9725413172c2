package dev.mayfly.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The options of the commands a workload runs (agent, credential-process): --name value pairs and bare flags. */
final class WorkloadOptions {

    private final Map<String, String> values = new LinkedHashMap<>();

    private WorkloadOptions() {
    }

    /**
     * @param valued the options that take a value
     * @param flags  the options that stand alone
     * @throws AgentException naming the first argument that is not one of them
     */
    static WorkloadOptions parse(String[] args, Set<String> valued, Set<String> flags, String usage) {
        WorkloadOptions options = new WorkloadOptions();
        for (int i = 0; i < args.length; i++) {
            if (flags.contains(args[i])) {
                options.values.put(args[i], "true");
            } else if (valued.contains(args[i]) && i + 1 < args.length) {
                options.values.put(args[i], args[++i]);
            } else {
                throw new AgentException("Unexpected '" + args[i] + "'.\n" + usage);
            }
        }
        return options;
    }

    String get(String name) {
        return values.get(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }
}
