package dev.mayfly.audit.leastprivilege;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The IAM action that allowed a recorded call, from its eventSource and eventName: what a policy must grant for the
 * call to be allowed again. STS and IAM calls are authorized by the action of their own name; the revocation and
 * workloads APIs' by revocation:NAME and workloads:NAME; the audit API's by whatever its operation asks (every Mayfly
 * read of the trail is cloudtrail:LookupEvents). As with Access Analyzer, iam:PassRole (which CreateWorkload also
 * asks) is no call of its own and appears in no generated policy. Calls no policy decides have none: STS's GetCallerIdentity and GetSessionToken, which AWS
 * documents as needing no permission, the calls made with a web identity or SAML assertion rather than a principal's
 * credentials, and the operator's and services' own (admin.mayfly, issuer.mayfly...).
 */
final class IamActions {

    /** Event sources whose calls a principal's policies allow, each with its action prefix. */
    static final Map<String, String> PREFIXES = Map.of("sts.amazonaws.com", "sts", "iam.amazonaws.com", "iam",
            "cloudtrail.amazonaws.com", "cloudtrail", "revocation.mayfly", "revocation", "workloads.mayfly", "workloads");
    private static final Set<String> NO_PERMISSION = Set.of("sts:GetCallerIdentity", "sts:GetSessionToken",
            "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML");

    private final Function<String, Optional<String>> auditOperations;

    /** @param auditOperations the IAM action each operation of the audit API asks, by name */
    IamActions(Function<String, Optional<String>> auditOperations) {
        this.auditOperations = auditOperations;
    }

    Optional<String> of(String eventSource, String eventName) {
        String prefix = PREFIXES.get(eventSource);
        if (prefix == null || eventName == null || !eventName.matches("[A-Za-z0-9]{1,128}")) {
            return Optional.empty();
        }
        Optional<String> action = prefix.equals("cloudtrail") ? auditOperations.apply(eventName) : Optional.of(prefix + ":" + eventName);
        return action.filter(a -> !NO_PERMISSION.contains(a));
    }
}
