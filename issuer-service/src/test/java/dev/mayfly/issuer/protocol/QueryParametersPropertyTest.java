package dev.mayfly.issuer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.HostileInput;
import dev.mayfly.runtime.AwsServiceException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever query string and form body a caller sends, the Query protocol's parameters are read, or the request is
 * refused with an AwsServiceException (MalformedQueryString, ValidationError: a 400); and so are they when an action
 * reads a number, a bounded string or a member list from them.
 */
class QueryParametersPropertyTest {

    @Property
    void parseWhenAnyQueryAndBodyThenParametersOrAwsError(@ForAll("encoded") String query, @ForAll("encoded") String body) {
        HostileInput.returnsOrRefuses(AwsServiceException.class, () -> QueryParameters.parse(query, body));
    }

    @Property
    void readWhenAnyParametersThenValueOrAwsError(@ForAll("encoded") String body) {
        HostileInput.returnsOrRefuses(AwsServiceException.class, () -> {
            QueryParameters parameters = QueryParameters.parse("", body);
            // the names as sent, still encoded: each is read whether or not it decodes to a parameter
            for (String name : body.split("&")) {
                name = name.split("=", 2)[0];
                parameters.optionalInt(name, "field", 0);
                parameters.optional(name, "field", 1, 64, null);
                parameters.members(name);
                QueryParameters.matching(parameters.get(name), "field", "[\\w+=,.@-]*");
            }
        });
    }

    @Property(tries = 20)
    void parseWhenMoreParametersThanAllowedThenValidationError(@ForAll("counts") int count) {
        String body = java.util.stream.IntStream.range(0, count).mapToObj(i -> "P" + i + "=" + i).collect(Collectors.joining("&"));
        HostileInput.returnsOrRefuses(AwsServiceException.class, () -> QueryParameters.parse(body, body));
    }

    /** What an SDK encodes is what the action reads, whatever the names and values. */
    @Property
    void parseWhenFormEncodedByClientThenSameParameters(@ForAll("parameters") Map<String, String> sent) {
        String body = sent.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));

        QueryParameters parameters = QueryParameters.parse(null, body);
        sent.keySet().forEach(parameters::get);

        assertThat(parameters.read()).isEqualTo(sent);
    }

    @Provide
    Arbitrary<String> encoded() {
        return Arbitraries.oneOf(HostileInput.text(), HostileInput.text().list().ofMaxSize(12).map(pairs -> String.join("&", pairs)));
    }

    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.integers().between(400, 20_000);
    }

    /** Names and values as a client would send them: well-formed UTF-16 (lone surrogates cannot be encoded). */
    @Provide
    Arbitrary<Map<String, String>> parameters() {
        Arbitrary<String> text = HostileInput.text().filter(s -> s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        return Arbitraries.maps(text.filter(s -> !s.isEmpty()), text).ofMaxSize(10).map(LinkedHashMap::new);
    }
}
