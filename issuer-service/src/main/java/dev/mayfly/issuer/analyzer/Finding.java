package dev.mayfly.issuer.analyzer;

import dev.mayfly.issuer.query.AnalyzerViews.TrustExposure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Access Analyzer finding of a role's trust policy, as the API shows it (Finding and FindingSummary share their
 * members): one principal outside the zone of trust that may assume the role.
 *
 * @param status ACTIVE, ARCHIVED or RESOLVED
 */
record Finding(String id, String resource, String resourceOwnerAccount, TrustExposure exposure, Instant createdAt,
               Instant analyzedAt, Instant updatedAt, String status) {

    static final String RESOURCE_TYPE = "AWS::IAM::Role";

    /** The finding's value for a filter key (ListFindings' filter, an archive rule's); null when it has none. */
    String valueOf(String key) {
        return switch (key) {
            case "id" -> id;
            case "status" -> status;
            case "resource" -> resource;
            case "resourceType" -> RESOURCE_TYPE;
            case "resourceOwnerAccount" -> resourceOwnerAccount;
            case "isPublic" -> Boolean.toString(exposure.isPublic());
            case "principal.AWS" -> exposure.principalType().equals("AWS") ? exposure.principalValue() : null;
            case "principal.Federated" -> exposure.principalType().equals("Federated") ? exposure.principalValue() : null;
            default -> key.startsWith("condition.") ? exposure.condition().get(key.substring("condition.".length())) : null;
        };
    }

    /** The API's shape; timestamps in ISO 8601, as the REST JSON protocol writes them. */
    Map<String, Object> shown() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", id);
        shown.put("principal", Map.of(exposure.principalType(), exposure.principalValue()));
        shown.put("action", exposure.actions());
        shown.put("resource", resource);
        shown.put("isPublic", exposure.isPublic());
        shown.put("resourceType", RESOURCE_TYPE);
        shown.put("condition", exposure.condition());
        shown.put("createdAt", createdAt.toString());
        shown.put("analyzedAt", analyzedAt.toString());
        shown.put("updatedAt", updatedAt.toString());
        shown.put("status", status);
        shown.put("resourceOwnerAccount", resourceOwnerAccount);
        return shown;
    }
}
