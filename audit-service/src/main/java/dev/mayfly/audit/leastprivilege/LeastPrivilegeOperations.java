package dev.mayfly.audit.leastprivilege;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mayfly.audit.protocol.CallsAtOnce;
import dev.mayfly.audit.protocol.JsonOperation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * GeneratePolicy and ListPrincipalActivity. Both read what LookupEvents reads, so the same permission
 * (cloudtrail:LookupEvents) allows them: whoever may read the trail could count the same calls by hand. An account runs
 * at most {@link #ANALYSES_AT_ONCE} of them at once.
 */
public final class LeastPrivilegeOperations {

    /** Each is an aggregation over up to 90 days of the account's records. */
    static final int ANALYSES_AT_ONCE = 2;

    private LeastPrivilegeOperations() {
    }

    /** @param auditOperations the IAM action each of the audit API's operations asks, by name (its calls are in the trail too) */
    public static List<JsonOperation> all(ElasticsearchClient client, Function<String, Optional<String>> auditOperations, Clock clock) {
        IamActions actions = new IamActions(auditOperations);
        CallsAtOnce atOnce = new CallsAtOnce(ANALYSES_AT_ONCE, "analyses of an account's trail");
        PolicyGenerator generator = new PolicyGenerator(client, actions, clock);
        PrincipalActivity activity = new PrincipalActivity(client, actions, clock);
        return List.of(
                new JsonOperation("GeneratePolicy", "cloudtrail:LookupEvents",
                        (accountId, request) -> atOnce.run(accountId, () -> generator.generate(accountId, request))),
                new JsonOperation("ListPrincipalActivity", "cloudtrail:LookupEvents",
                        (accountId, request) -> atOnce.run(accountId, () -> activity.list(accountId, request))));
    }
}
