package dev.mayfly.audit.leastprivilege;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.protocol.CallerSearches;
import dev.mayfly.audit.protocol.JsonTimestamps;
import dev.mayfly.audit.search.AuditSearch;
import dev.mayfly.audit.search.SearchFailures;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * GeneratePolicy: {"PrincipalArn", "StartTime", "EndTime"?} answers the policy that allows only the actions the
 * principal used successfully in the window, on the resources its records name, as IAM Access Analyzer's
 * GetGeneratedPolicy does: {"PrincipalArn", "StartTime", "EndTime", "Policy" (the document, as text), "CallsAnalyzed",
 * "IsComplete"}. One search: successful calls of the principal counted by event source, event name and resource ARN.
 */
final class PolicyGenerator {

    /** Distinct actions of one service a generation lists; past it, IsComplete is false. */
    static final int MAX_ACTIONS = 1000;
    /** Distinct resources of one action listed; past it, the action is allowed on "*". */
    static final int MAX_RESOURCES = 100;

    private final ElasticsearchClient client;
    private final IamActions actions;
    private final Clock clock;

    PolicyGenerator(ElasticsearchClient client, IamActions actions, Clock clock) {
        this.client = client;
        this.actions = actions;
        this.clock = clock;
    }

    JsonNode generate(String accountId, JsonNode request) throws IOException {
        TrailPrincipal principal = TrailPrincipal.of(request.path("PrincipalArn").isTextual() ? request.get("PrincipalArn").asText() : null,
                accountId);
        ActivityWindow window = ActivityWindow.from(request, clock.instant());
        List<Query> filters = new ArrayList<>(AuditSearch.window(accountId, window.start(), window.end()));
        filters.add(principal.calls());
        filters.add(Query.of(q -> q.terms(t -> t.field("eventSource").terms(v -> v.value(
                IamActions.PREFIXES.keySet().stream().map(FieldValue::of).toList())))));
        SearchResponse<Void> response = SearchFailures.asCallersMistake(() -> CallerSearches.search(client, s -> s.index(AuditIndices.PATTERN)
                .ignoreUnavailable(true).allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(true))
                .query(q -> q.bool(b -> b.filter(filters).mustNot(n -> n.exists(e -> e.field("errorCode")))))
                .aggregations("sources", a -> a.terms(t -> t.field("eventSource").size(IamActions.PREFIXES.size()))
                        .aggregations("names", n -> n.terms(t -> t.field("eventName").size(MAX_ACTIONS))
                                .aggregations("resources", r -> r.terms(t -> t.field("resources.ARN").size(MAX_RESOURCES)))
                                .aggregations("unnamed", r -> r.missing(m -> m.field("resources.ARN"))))), Void.class), ActivityWindow.TOO_MUCH_ACTIVITY);

        GeneratedPolicy policy = new GeneratedPolicy();
        boolean complete = true;
        for (StringTermsBucket source : buckets(response.aggregations().get("sources"))) {
            StringTermsAggregate names = source.aggregations().get("names").sterms();
            complete &= names.sumOtherDocCount() == null || names.sumOtherDocCount() == 0;
            for (StringTermsBucket name : names.buckets().array()) {
                Optional<String> action = actions.of(source.key().stringValue(), name.key().stringValue());
                action.ifPresent(a -> policy.allow(a, resources(name)));
            }
        }
        long calls = response.hits().total() == null ? 0 : response.hits().total().value();
        ObjectNode result = Json.mapper().createObjectNode().put("PrincipalArn", principal.arn())
                .put("StartTime", JsonTimestamps.write(window.start())).put("EndTime", JsonTimestamps.write(window.end()));
        result.put("Policy", policy.document().toString());
        result.put("ActionsUsed", policy.actions());
        result.put("CallsAnalyzed", calls);
        result.put("IsComplete", complete);
        return result;
    }

    /**
     * The resources an action's calls named; "*" when some call named none, or more of them than are listed (a policy
     * that left one out would refuse a call the principal makes).
     */
    private static Set<String> resources(StringTermsBucket name) {
        StringTermsAggregate named = name.aggregations().get("resources").sterms();
        long unnamed = name.aggregations().get("unnamed").missing().docCount();
        boolean truncated = named.sumOtherDocCount() != null && named.sumOtherDocCount() > 0;
        if (unnamed > 0 || truncated || named.buckets().array().isEmpty()) {
            return Set.of(GeneratedPolicy.ANY);
        }
        Set<String> arns = new TreeSet<>();
        named.buckets().array().forEach(bucket -> arns.add(bucket.key().stringValue()));
        return arns;
    }

    /** No aggregation at all is answered while no index exists (a new platform). */
    static List<StringTermsBucket> buckets(Aggregate aggregate) {
        return aggregate == null || !aggregate.isSterms() ? List.of() : aggregate.sterms().buckets().array();
    }
}
