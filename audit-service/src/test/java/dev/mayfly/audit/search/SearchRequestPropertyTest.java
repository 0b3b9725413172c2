package dev.mayfly.audit.search;

import dev.mayfly.audit.HostileInput;
import dev.mayfly.audit.protocol.PageTokens;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever body a caller sends MayflyAudit's Search, it is read into a search, its NextToken included, or refused with a 4xx. */
class SearchRequestPropertyTest {

    @Property
    void fromWhenAnyBodyThenSearchOrClientError(@ForAll("bodies") String body) {
        HostileInput.readOrRefused(body, json -> {
            SearchRequest request = SearchRequest.from(json);
            if (request.nextToken() != null) {
                PageTokens.decode(request.nextToken(), request.fingerprint());
            }
        });
    }

    @Provide
    Arbitrary<String> bodies() {
        return HostileInput.bodies(List.of("Query", "StartTime", "EndTime", "MaxResults", "NextToken", "Aggregations", "Name", "Terms",
                "Field", "Size", "DateHistogram", "Interval", "Buckets", "ByOutcome"));
    }
}
