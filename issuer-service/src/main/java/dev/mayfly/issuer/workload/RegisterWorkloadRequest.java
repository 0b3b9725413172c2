package dev.mayfly.issuer.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.issuer.api.WorkloadOidcIdentity;
import dev.mayfly.runtime.AwsServiceException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of POST /mayfly/workloads, checked.
 *
 * @param name               1-64 characters of [\w+=,.@-], unique in the account without regard to case
 * @param roleArn            the role of the same account that the workload runs as
 * @param sessionName        RoleSessionName of its sessions (2-64 characters of [\w+=,.@-]); the name by default
 * @param durationSeconds    900-43200, 3600 by default; at most the role's MaxSessionDuration when credentials are issued
 * @param allowedSourceCidrs the addresses credentials may be asked from, at most 16 blocks; none: from anywhere
 * @param oidcIdentity       the Kubernetes service account whose tokens prove the workload (no bootstrap token then); null
 *                           for a workload with a bootstrap token
 */
record RegisterWorkloadRequest(String name, RoleArn roleArn, String sessionName, int durationSeconds, List<String> allowedSourceCidrs,
                               WorkloadOidcIdentity oidcIdentity) {

    static final String NAME_PATTERN = "[\\w+=,.@-]{1,64}";
    static final int MAX_CIDRS = 16;
    /** Kubernetes' own rules: a namespace is a DNS label (RFC 1123), a service account's name a DNS subdomain. */
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    private static final String DNS_SUBDOMAIN = DNS_LABEL + "(\\." + DNS_LABEL + ")*";
    private static final int MAX_SUBDOMAIN = 253;
    private static final int MAX_ARN = 2048;

    static RegisterWorkloadRequest from(JsonNode json) {
        String name = json.path("Name").asText("");
        if (!name.matches(NAME_PATTERN)) {
            throw AwsServiceException.validation("Name is required: 1 to 64 letters, digits or +=,.@_- characters.");
        }
        String arn = json.path("RoleArn").asText("");
        RoleArn roleArn = RoleArn.parse(arn).orElseThrow(() -> AwsServiceException.validation(
                "RoleArn is required: the ARN of a role of your account, like arn:aws:iam::123456789012:role/NAME."));
        String sessionName = json.path("RoleSessionName").asText(name);
        if (!sessionName.matches("[\\w+=,.@-]{2,64}")) {
            throw AwsServiceException.validation("RoleSessionName must be 2 to 64 letters, digits or +=,.@_- characters"
                    + (json.has("RoleSessionName") ? "." : " (it defaults to the name, which is too short: give one)."));
        }
        JsonNode duration = json.path("DurationSeconds");
        int seconds = duration.isMissingNode() ? 3600 : duration.canConvertToInt() && duration.isIntegralNumber() ? duration.asInt() : -1;
        if (seconds < 900 || seconds > 43200) {
            throw AwsServiceException.validation("DurationSeconds must be a whole number from 900 to 43200.");
        }
        return new RegisterWorkloadRequest(name, roleArn, sessionName, seconds, cidrs(json.path("AllowedSourceCidrs")),
                oidcIdentity(json.path("OidcIdentity")));
    }

    private static WorkloadOidcIdentity oidcIdentity(JsonNode json) {
        if (json.isMissingNode() || json.isNull()) {
            return null;
        }
        if (!json.isObject()) {
            throw AwsServiceException.validation("OidcIdentity must be an object: {\"ProviderArn\", \"Namespace\", \"ServiceAccount\"}.");
        }
        String providerArn = text(json, "ProviderArn");
        if (providerArn.length() > MAX_ARN || OidcProviderRef.parseArn(providerArn).isEmpty()) {
            throw AwsServiceException.validation("OidcIdentity.ProviderArn is required: the ARN of an OpenID Connect provider of your "
                    + "account, like arn:aws:iam::123456789012:oidc-provider/oidc.example.com/cluster.");
        }
        String namespace = text(json, "Namespace");
        if (!namespace.matches(DNS_LABEL)) {
            throw AwsServiceException.validation("OidcIdentity.Namespace is required: a Kubernetes namespace, 1 to 63 lower-case "
                    + "letters, digits or hyphens, starting and ending with a letter or digit.");
        }
        String serviceAccount = text(json, "ServiceAccount");
        if (serviceAccount.length() > MAX_SUBDOMAIN || !serviceAccount.matches(DNS_SUBDOMAIN)) {
            throw AwsServiceException.validation("OidcIdentity.ServiceAccount is required: a Kubernetes service account's name, up to "
                    + MAX_SUBDOMAIN + " lower-case letters, digits, hyphens or dots.");
        }
        return new WorkloadOidcIdentity(providerArn, namespace, serviceAccount);
    }

    /** A field's text; empty when it is missing or not a string, which no field accepts. */
    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() ? value.asText() : "";
    }

    private static List<String> cidrs(JsonNode json) {
        if (json.isMissingNode() || json.isNull()) {
            return List.of();
        }
        if (!json.isArray() || json.size() > MAX_CIDRS) {
            throw AwsServiceException.validation("AllowedSourceCidrs must be a list of at most " + MAX_CIDRS + " CIDR blocks.");
        }
        List<String> cidrs = new ArrayList<>();
        json.forEach(cidr -> cidrs.add(SourceCidr.parse(cidr.isTextual() ? cidr.asText() : cidr.toString()).toString()));
        return List.copyOf(cidrs);
    }
}
