package dev.mayfly.audit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.mayfly.audit.HostileInput;
import dev.mayfly.contract.Json;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever members a body the endpoint reads has, they make the call's requestParameters: recording a call never fails it. */
class RequestParametersPropertyTest {

    @Property
    void ofWhenAnyBodyThenRequestParameters(@ForAll("bodies") String body) {
        HostileInput.readOrRefused(body, RequestParameters::of);
    }

    /** Found by the property: a member named "" threw StringIndexOutOfBoundsException, and the call was answered 503. */
    @Example
    void ofWhenAMemberHasNoNameThenRecordedUnderNoName() throws Exception {
        assertThat(RequestParameters.of(Json.mapper().readTree("{\"\":0,\"MaxResults\":5}"))).containsExactly(entry("", 0), entry("maxResults", 5));
    }

    @Provide
    Arbitrary<String> bodies() {
        return HostileInput.bodies(List.of("Query", "LookupAttributes", "MaxResults"));
    }
}
