package dev.mayfly.audit.leastprivilege;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mayfly.audit.protocol.JsonOperation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * GeneratePolicy and ListPrincipalActivity. Both read what LookupEvents reads, so the same permission
 * (cloudtrail:LookupEvents) allows them: whoever may read the trail could count the same calls by hand. An account runs
 * at most {@link AnalysesAtOnce#PER_ACCOUNT} of them at once.
 */
public final class LeastPrivilegeOperations {

    private LeastPrivilegeOperations() {
    }

    /** @param auditOperations the IAM action each of the audit API's operations asks, by name (its calls are in the trail too) */
    public static List<JsonOperation> all(ElasticsearchClient client, Function<String, Optional<String>> auditOperations, Clock clock) {
        IamActions actions = new IamActions(auditOperations);
        AnalysesAtOnce atOnce = new AnalysesAtOnce();
        PolicyGenerator generator = new PolicyGenerator(client, actions, clock);
        PrincipalActivity activity = new PrincipalActivity(client, actions, clock);
        return List.of(
                new JsonOperation("GeneratePolicy", "cloudtrail:LookupEvents",
                        (accountId, request) -> atOnce.run(accountId, () -> generator.generate(accountId, request))),
                new JsonOperation("ListPrincipalActivity", "cloudtrail:LookupEvents",
                        (accountId, request) -> atOnce.run(accountId, () -> activity.list(accountId, request))));
    }
}
