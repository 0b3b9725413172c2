package dev.mayfly.issuer.sts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.saml.SamlAssertion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session tags an identity provider passes, where AWS reads them: in an ID token, the claim
 * {@code https://aws.amazon.com/tags} ({"principal_tags": {"key": ["value"]}, "transitive_tag_keys": [...]}); in a
 * SAML assertion, the attributes {@code https://aws.amazon.com/SAML/Attributes/PrincipalTag:KEY} and
 * {@code .../TransitiveTagKeys}. The trust policy must then allow sts:TagSession too.
 */
record FederatedTags(Map<String, String> tags, List<String> transitiveTagKeys) {

    static final String TOKEN_CLAIM = "https://aws.amazon.com/tags";
    static final String SAML_TAG_PREFIX = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
    static final String SAML_TRANSITIVE = "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys";

    static FederatedTags fromToken(JsonNode claims) {
        JsonNode tagsClaim = claims.path(TOKEN_CLAIM);
        Map<String, String> tags = new LinkedHashMap<>();
        tagsClaim.path("principal_tags").fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            tags.put(field.getKey(), value.isArray() ? value.path(0).asText("") : value.asText(""));
        });
        List<String> transitive = new ArrayList<>();
        tagsClaim.path("transitive_tag_keys").forEach(key -> transitive.add(key.asText()));
        return new FederatedTags(Tags.asserted(tags), List.copyOf(transitive));
    }

    static FederatedTags fromAssertion(SamlAssertion assertion) {
        Map<String, String> tags = new LinkedHashMap<>();
        assertion.attributes().forEach((name, values) -> {
            if (name.startsWith(SAML_TAG_PREFIX) && !values.isEmpty()) {
                tags.put(name.substring(SAML_TAG_PREFIX.length()), values.getFirst());
            }
        });
        return new FederatedTags(Tags.asserted(tags), List.copyOf(assertion.attribute(SAML_TRANSITIVE)));
    }

    boolean isEmpty() {
        return tags.isEmpty();
    }
}
