package dev.mayfly.audit.leastprivilege;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.protocol.CallerSearches;
import dev.mayfly.audit.protocol.JsonTimestamps;
import dev.mayfly.audit.search.AuditSearch;
import dev.mayfly.audit.search.SearchFailures;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ListPrincipalActivity: {"StartTime", "EndTime"?} answers who of the account was active in the window, and with
 * what: {"Users": [{"Arn", "LastActivity", "Actions"}], "Roles": [...] (a role through any of its sessions),
 * "AccessKeys": [{"AccessKeyId", "LastActivity"}] (long-term keys only), "IsComplete"}. LastActivity counts every call,
 * refused ones too (the principal or key was in use); Actions only the IAM actions of calls that succeeded. A principal
 * or key not listed made no call in the window. One search, aggregations only.
 */
final class PrincipalActivity {

    static final int MAX_PRINCIPALS = 1000;
    static final int MAX_KEYS = 5000;

    private final ElasticsearchClient client;
    private final IamActions actions;
    private final Clock clock;

    PrincipalActivity(ElasticsearchClient client, IamActions actions, Clock clock) {
        this.client = client;
        this.actions = actions;
        this.clock = clock;
    }

    JsonNode list(String accountId, JsonNode request) throws IOException {
        ActivityWindow window = ActivityWindow.from(request, clock.instant());
        SearchResponse<Void> response = SearchFailures.asCallersMistake(() -> CallerSearches.search(client, s -> s.index(AuditIndices.PATTERN)
                .ignoreUnavailable(true).allowNoIndices(true).size(0).query(q -> q.bool(b -> b.filter(AuditSearch.window(accountId, window.start(), window.end()))))
                .aggregations("users", byPrincipal("IAMUser", "userIdentity.arn"))
                .aggregations("roles", byPrincipal("AssumedRole", "userIdentity.sessionContext.sessionIssuer.arn"))
                .aggregations("keys", a -> a.filter(f -> f.prefix(p -> p.field("userIdentity.accessKeyId").value("AKIA")))
                        .aggregations("ids", i -> i.terms(t -> t.field("userIdentity.accessKeyId").size(MAX_KEYS))
                                .aggregations("last", l -> l.max(m -> m.field("eventTime"))))), Void.class), ActivityWindow.TOO_MUCH_ACTIVITY);

        ObjectNode result = Json.mapper().createObjectNode().put("StartTime", JsonTimestamps.write(window.start()))
                .put("EndTime", JsonTimestamps.write(window.end()));
        boolean complete = principals(result.putArray("Users"), response.aggregations().get("users"));
        complete &= principals(result.putArray("Roles"), response.aggregations().get("roles"));
        ArrayNode keys = result.putArray("AccessKeys");
        Aggregate keysFound = response.aggregations().get("keys");
        if (keysFound != null) {
            Aggregate ids = keysFound.filter().aggregations().get("ids");
            complete &= ids.sterms().sumOtherDocCount() == null || ids.sterms().sumOtherDocCount() == 0;
            for (StringTermsBucket key : ids.sterms().buckets().array()) {
                keys.addObject().put("AccessKeyId", key.key().stringValue()).put("LastActivity", lastActivity(key));
            }
        }
        result.put("IsComplete", complete);
        return result;
    }

    /** The calls of one type of identity, by principal: when last, and the event sources and names of those that succeeded. */
    private static Aggregation byPrincipal(String identityType, String principalField) {
        return Aggregation.of(a -> a.filter(f -> f.term(t -> t.field("userIdentity.type").value(identityType)))
                .aggregations("arns", p -> p.terms(t -> t.field(principalField).size(MAX_PRINCIPALS))
                        .aggregations("last", l -> l.max(m -> m.field("eventTime")))
                        .aggregations("succeeded", ok -> ok.filter(f -> f.bool(b -> b.mustNot(n -> n.exists(e -> e.field("errorCode")))))
                                .aggregations("sources", src -> src.terms(t -> t.field("eventSource").size(IamActions.PREFIXES.size() + 10))
                                        .aggregations("names", n -> n.terms(t -> t.field("eventName").size(PolicyGenerator.MAX_ACTIONS)))))));
    }

    /** Writes each principal found; whether every one was. */
    private boolean principals(ArrayNode out, Aggregate byType) {
        if (byType == null) {
            return true;
        }
        Aggregate arns = byType.filter().aggregations().get("arns");
        for (StringTermsBucket principal : arns.sterms().buckets().array()) {
            Set<String> used = new TreeSet<>();
            Map<String, Aggregate> succeeded = principal.aggregations().get("succeeded").filter().aggregations();
            for (StringTermsBucket source : PolicyGenerator.buckets(succeeded.get("sources"))) {
                for (StringTermsBucket name : PolicyGenerator.buckets(source.aggregations().get("names"))) {
                    actions.of(source.key().stringValue(), name.key().stringValue()).ifPresent(used::add);
                }
            }
            ObjectNode entry = out.addObject().put("Arn", principal.key().stringValue()).put("LastActivity", lastActivity(principal));
            ArrayNode list = entry.putArray("Actions");
            used.forEach(list::add);
        }
        return arns.sterms().sumOtherDocCount() == null || arns.sterms().sumOtherDocCount() == 0;
    }

    private static double lastActivity(StringTermsBucket bucket) {
        return JsonTimestamps.write(Instant.ofEpochMilli((long) bucket.aggregations().get("last").max().value()));
    }
}
