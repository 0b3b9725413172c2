package dev.mayfly.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.testing.NameLookups;
import dev.mayfly.testing.Outcomes;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever document a caller sends as a policy, parsing it ends in a policy or a MalformedPolicyException (IAM's
 * MalformedPolicyDocument, a 400), and a policy that parsed can be evaluated against any request without failing.
 */
class PolicyParserPropertyTest {

    @Property
    void parseWhenAnyDocumentThenPolicyOrMalformedPolicy(@ForAll("documents") String json) {
        Outcomes.returnsOrRefuses(MalformedPolicyException.class, () -> PolicyDocument.parse(json));
    }

    @Property
    void requireTrustOrIdentityPolicyWhenAnyDocumentThenPolicyOrMalformedPolicy(@ForAll("documents") String json) {
        Outcomes.returnsOrRefuses(MalformedPolicyException.class, () -> PolicyDocument.parse(json).requireTrustPolicy());
        Outcomes.returnsOrRefuses(MalformedPolicyException.class, () -> PolicyDocument.parse(json).requireIdentityPolicy());
    }

    @Property
    void parseWhenConditionOperandsAnyThenPolicyOrMalformedPolicy(@ForAll("conditioned") String json) {
        Outcomes.returnsOrRefuses(MalformedPolicyException.class, () -> PolicyDocument.parse(json));
    }

    /** Request values are the caller's too (tags, source identity...): a condition compares them, it never fails on them. */
    @Property
    void evaluateWhenParsedPolicyAndAnyRequestValuesThenADecision(@ForAll("conditioned") String json, @ForAll("requestValues") String value) {
        PolicyDocument policy;
        try {
            policy = PolicyDocument.parse(json);
        } catch (MalformedPolicyException refused) {
            return;
        }
        RequestContext context = new RequestContext("sts:AssumeRole", "arn:aws:iam::111122223333:role/R",
                new Principal("arn:aws:iam::111122223333:role/R", "111122223333"),
                Map.of("aws:SourceIp", List.of(value), "aws:CurrentTime", List.of(value), "k", List.of(value)));
        Outcomes.returns(() -> policy.evaluate(context));
        Outcomes.returns(() -> policy.grant(context));
    }

    /** Found by the property above: epoch seconds past Instant.MAX threw DateTimeException out of the parser. */
    @Example
    void parseWhenDateConditionPastTheLastInstantThenMalformedPolicy() {
        assertThatThrownBy(() -> PolicyDocument.parse(dateCondition("31556889864403200")))
                .isInstanceOf(MalformedPolicyException.class).hasMessageContaining("is not an ISO 8601 date");
    }

    /** The same value as a request's: it is no date, so it matches nothing. */
    @Example
    void evaluateWhenRequestDatePastTheLastInstantThenNotApplicable() {
        PolicyDocument policy = PolicyDocument.parse(dateCondition("2026-01-01T00:00:00Z"));
        RequestContext context = new RequestContext("sts:AssumeRole", "*", null, Map.of("k", List.of("31556889864403200")));

        assertThat(policy.evaluate(context)).isEqualTo(Decision.NOT_APPLICABLE);
    }

    /**
     * Found by the property, taking 70 ms a try: a dotted quad with an octet past 255 is no address to InetAddress,
     * which looked it up as a host name, when a policy was written and whenever a request value was compared with it.
     */
    @Example
    void parseWhenIpAddressOctetIsPast255ThenMalformedPolicyWithoutALookup() {
        assertThatThrownBy(() -> PolicyDocument.parse(ipCondition("999.99.99.98"))).isInstanceOf(MalformedPolicyException.class);
        assertThat(NameLookups.lookedUp("999.99.99.98")).isFalse();
    }

    /** The same, found by the source CIDR property of the workloads API: text with a colon not starting as IPv6 does. */
    @Example
    void parseWhenIpAddressStartsWithADotThenMalformedPolicyWithoutALookup() {
        assertThatThrownBy(() -> PolicyDocument.parse(ipCondition(".99:"))).isInstanceOf(MalformedPolicyException.class);
        assertThat(NameLookups.lookedUp(".99:")).isFalse();
    }

    private static String ipCondition(String value) {
        return """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Condition":{"IpAddress":{"k":"%s"}}}}"""
                .formatted(value);
    }

    private static String dateCondition(String value) {
        return """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Condition":{"DateEquals":{"k":"%s"}}}}"""
                .formatted(value);
    }

    @Provide
    Arbitrary<String> documents() {
        return HostileInput.policyDocuments();
    }

    @Provide
    Arbitrary<String> conditioned() {
        return HostileInput.conditioned();
    }

    @Provide
    Arbitrary<String> requestValues() {
        return Arbitraries.oneOf(Arbitraries.of("1", "99999999999999999999", "31556889864403200", "2026-01-01T00:00:00Z", "10.1.2.3",
                "::1", "999.1.1.1", "aGVsbG8=", "true", ""), Arbitraries.strings().all().ofMaxLength(24));
    }
}
