package dev.mayfly.audit.lookup;

import dev.mayfly.audit.HostileInput;
import dev.mayfly.audit.protocol.PageTokens;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever body a caller sends CloudTrail's LookupEvents, it is read into a lookup, its NextToken included, or refused with a 4xx. */
class LookupEventsRequestPropertyTest {

    @Property
    void fromWhenAnyBodyThenLookupOrClientError(@ForAll("bodies") String body) {
        HostileInput.readOrRefused(body, json -> {
            LookupEventsRequest request = LookupEventsRequest.from(json);
            if (request.nextToken() != null) {
                PageTokens.decode(request.nextToken(), request.fingerprint());
            }
        });
    }

    @Provide
    Arbitrary<String> bodies() {
        return HostileInput.bodies(List.of("LookupAttributes", "AttributeKey", "AttributeValue", "StartTime", "EndTime", "MaxResults",
                "NextToken", "EventCategory"));
    }
}
