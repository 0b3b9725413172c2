package dev.mayfly.issuer.api;

/**
 * The identity a workload proves itself with instead of a bootstrap token: a Kubernetes service account, as the
 * projected service-account tokens of an OpenID Connect issuer the account trusts name it (EKS Pod Identity binds a role
 * to a namespace and service account the same way).
 *
 * @param providerArn    the account's IAM OpenID Connect provider whose tokens are accepted (its issuer URL, client ids
 *                       and keys decide as they do for AssumeRoleWithWebIdentity)
 * @param namespace      the Kubernetes namespace the service account is in
 * @param serviceAccount the service account's name
 */
public record WorkloadOidcIdentity(String providerArn, String namespace, String serviceAccount) {

    /** The sub claim of the service account's tokens: {@code system:serviceaccount:NAMESPACE:NAME}. */
    public String subject() {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }
}
