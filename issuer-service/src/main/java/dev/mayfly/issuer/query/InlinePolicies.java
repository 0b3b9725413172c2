package dev.mayfly.issuer.query;

import dev.mayfly.issuer.query.Views.InlinePolicy;
import dev.mayfly.policy.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.Map;

/** The inline policies of a user, role or group after a put or a delete: a new map, as views are never edited. */
final class InlinePolicies {

    private InlinePolicies() {
    }

    static Map<String, InlinePolicy> with(Map<String, InlinePolicy> policies, String name, String document) {
        Map<String, InlinePolicy> updated = new LinkedHashMap<>(policies);
        updated.put(name, new InlinePolicy(name, document, PolicyDocument.parse(document)));
        return Map.copyOf(updated);
    }

    static Map<String, InlinePolicy> without(Map<String, InlinePolicy> policies, String name) {
        Map<String, InlinePolicy> updated = new LinkedHashMap<>(policies);
        updated.remove(name);
        return Map.copyOf(updated);
    }
}
