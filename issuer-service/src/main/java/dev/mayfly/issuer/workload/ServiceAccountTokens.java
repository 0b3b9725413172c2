package dev.mayfly.issuer.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.api.WorkloadOidcIdentity;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.OidcProviderView;
import dev.mayfly.issuer.query.Views.WorkloadView;
import dev.mayfly.issuer.webidentity.Jwt;
import dev.mayfly.issuer.webidentity.TokenVerifier;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;

/**
 * Decides whether a Kubernetes projected service-account token proves a workload's OIDC identity, as EKS Pod Identity
 * decides for the token a pod reads from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: a JWT signed by one of the keys of the
 * account's OpenID Connect provider that the workload names (its discovery document and JWKS, as for
 * AssumeRoleWithWebIdentity: {@link TokenVerifier}), issued by that provider (iss) for one of its client ids (aud), current
 * (exp, nbf), and for the namespace and service account the workload is bound to: its sub is
 * {@code system:serviceaccount:NAMESPACE:NAME} and its kubernetes.io claims say the same.
 */
final class ServiceAccountTokens {

    private static final int MAX_RECORDED_CHARS = 256;

    private final IdentityDirectory directory;
    private final TokenVerifier verifier;

    ServiceAccountTokens(IdentityDirectory directory, TokenVerifier verifier) {
        this.directory = directory;
        this.verifier = verifier;
    }

    /** A token that proved a workload's identity: its subject, and the pod it was issued to when it names one. */
    record ServiceAccountToken(String subject, String pod) {
    }

    /**
     * @throws AwsServiceException when the token does not prove the workload's identity: InvalidToken, as for a workload
     *                             that does not exist, for a token not (or no longer) a current one signed by the
     *                             workload's provider, or a provider gone (why, in the workload's trail only);
     *                             IDPCommunicationError when the provider's keys cannot be had; InvalidIdentityToken for
     *                             another audience; AccessDenied for another service account's token
     */
    ServiceAccountToken verify(WorkloadView workload, String token, Instant now) {
        WorkloadOidcIdentity identity = workload.oidcIdentity();
        Jwt jwt;
        OidcProviderView provider;
        try {
            jwt = Jwt.parse(token);
            provider = signedByTheProvider(workload, jwt, now);
        } catch (AwsServiceException unproved) {
            if (unproved.code().equals("IDPCommunicationError")) {
                throw unproved; // the provider's keys out of reach: the token may be good, and the client is to try again
            }
            // until the token is known to come from the workload's provider, its caller may be anyone who read the
            // credentials URI: answered as a workload that does not exist is, so that the answer tells nobody that this
            // one does, or its name; the workload's own trail keeps what was wrong
            throw WorkloadTokens.notValidForThisUri().because(unproved.code() + ": " + unproved.getMessage());
        }
        if (jwt.audiences().stream().noneMatch(provider.clientIds()::contains)) {
            throw invalid("Incorrect token audience: the token's aud must be one of the client ids of the workload's OpenID Connect provider.");
        }
        JsonNode kubernetes = jwt.claims().path("kubernetes.io");
        String namespace = kubernetes.path("namespace").asText("");
        String serviceAccount = kubernetes.path("serviceaccount").path("name").asText("");
        String subject = jwt.subject() == null ? "" : jwt.subject();
        if (!subject.equals(identity.subject()) || !namespace.equals(identity.namespace()) || !serviceAccount.equals(identity.serviceAccount())) {
            throw AwsServiceException.accessDenied("The token is for service account " + bounded(subject) + " (kubernetes.io namespace '"
                    + bounded(namespace) + "', service account '" + bounded(serviceAccount) + "'), not the one workload "
                    + workload.ref().name() + " is bound to.");
        }
        String pod = kubernetes.path("pod").path("name").asText(null);
        return new ServiceAccountToken(subject, pod == null ? null : bounded(pod));
    }

    /** The workload's provider, once the token is current and signed by one of its keys for its issuer URL. */
    private OidcProviderView signedByTheProvider(WorkloadView workload, Jwt jwt, Instant now) {
        WorkloadOidcIdentity identity = workload.oidcIdentity();
        verifier.checkOnItsOwn(jwt, now);
        OidcProviderRef ref = OidcProviderRef.parseArn(identity.providerArn()).orElseThrow();
        OidcProviderView provider = directory.oidcProvider(ref).orElseThrow(() -> AwsServiceException.accessDenied(
                "Workload " + workload.ref().name() + " trusts an OpenID Connect provider that does not exist (any more): "
                        + identity.providerArn() + "."));
        if (jwt.issuer() == null || !OidcProviderRef.ofUrl(ref.account(), jwt.issuer()).equals(ref)) {
            throw invalid("The token's issuer (iss) is not the OpenID Connect provider workload " + workload.ref().name() + " trusts.");
        }
        verifier.verify(jwt, provider.url(), provider.thumbprints(), now);
        return provider;
    }

    private static AwsServiceException invalid(String message) {
        return new AwsServiceException("InvalidIdentityToken", message, 400);
    }

    /** What a token claims, shortened before it goes into an answer or a record. */
    private static String bounded(String claimed) {
        return claimed.length() > MAX_RECORDED_CHARS ? claimed.substring(0, MAX_RECORDED_CHARS) : claimed;
    }
}
