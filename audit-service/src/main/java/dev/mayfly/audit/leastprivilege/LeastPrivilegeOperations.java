package dev.mayfly.audit.leastprivilege;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mayfly.audit.protocol.JsonOperation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * GeneratePolicy and ListPrincipalActivity. Both read what LookupEvents reads, so the same permission
 * (cloudtrail:LookupEvents) allows them: whoever may read the trail could count the same calls by hand.
 */
public final class LeastPrivilegeOperations {

    private LeastPrivilegeOperations() {
    }

    /** @param auditOperations the IAM action each of the audit API's operations asks, by name (its calls are in the trail too) */
    public static List<JsonOperation> all(ElasticsearchClient client, Function<String, Optional<String>> auditOperations, Clock clock) {
        IamActions actions = new IamActions(auditOperations);
        return List.of(
                new JsonOperation("GeneratePolicy", "cloudtrail:LookupEvents", new PolicyGenerator(client, actions, clock)::generate),
                new JsonOperation("ListPrincipalActivity", "cloudtrail:LookupEvents", new PrincipalActivity(client, actions, clock)::list));
    }
}
