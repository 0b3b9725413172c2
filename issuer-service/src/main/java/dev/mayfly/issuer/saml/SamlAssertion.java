package dev.mayfly.issuer.saml;

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
 * @param notOnOrAfter       until when the assertion may be used
 * @param sessionNotOnOrAfter the end of the identity provider's session (AuthnStatement), or null
 * @param attributes         attribute values by attribute name
 */
public record SamlAssertion(String id, String issuer, String subject, String subjectFormat, String audience, Instant notOnOrAfter,
                            Instant sessionNotOnOrAfter, Map<String, List<String>> attributes) {

    public List<String> attribute(String name) {
        return attributes.getOrDefault(name, List.of());
    }
}
