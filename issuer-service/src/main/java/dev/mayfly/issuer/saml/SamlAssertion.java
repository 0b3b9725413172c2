package dev.mayfly.issuer.saml;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a verified SAML response asserts.
 *
 * @param id                 the assertion's ID (each is accepted once)
 * @param issuer             the identity provider's entity id
 * @param subject            the NameID
 * @param subjectFormat      the NameID's format URI, or null
 * @param audience           the audience that matched
 * @param notOnOrAfter       until when the identity provider says the assertion may be used (Conditions)
 * @param sessionNotOnOrAfter the end of the identity provider's session (AuthnStatement), or null
 * @param attributes         attribute values by attribute name
 */
public record SamlAssertion(String id, String issuer, String subject, String subjectFormat, String audience, Instant notOnOrAfter,
                            Instant sessionNotOnOrAfter, Map<String, List<String>> attributes) {

    /** How far Mayfly's clock and the identity provider's may differ: an assertion is accepted that much past its times. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    /** The first instant at which the assertion is no longer accepted: its NotOnOrAfter, clock skew included. */
    public Instant acceptedUntil() {
        return notOnOrAfter.plus(CLOCK_SKEW);
    }

    public List<String> attribute(String name) {
        return attributes.getOrDefault(name, List.of());
    }
}
