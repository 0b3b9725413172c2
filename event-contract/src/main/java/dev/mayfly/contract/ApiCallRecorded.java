package dev.mayfly.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One API call, accepted or rejected: what audit turns into a CloudTrail record. It never holds a secret
 * access key or a session token; the issuer strips them before the event exists.
 *
 * @param eventId            unique id, the CloudTrail eventID
 * @param eventTime          when the call arrived
 * @param eventSource        "sts.amazonaws.com", "iam.amazonaws.com", ...
 * @param eventName          the action, for example "AssumeRole"
 * @param awsRegion          the region the request was signed for
 * @param sourceIpAddress    the caller's address
 * @param userAgent          the caller's User-Agent
 * @param requestId          the request id returned to the caller
 * @param userIdentity       who called; null when the caller could not be identified
 * @param requestParameters  the request's parameters, secrets removed
 * @param responseElements   what the response said, secrets removed; null on failure
 * @param errorCode          the AWS error code, or null on success
 * @param errorMessage       the error message, or null on success
 * @param resources          the resources the call touched
 * @param readOnly           whether the call only reads
 * @param recipientAccountId the account whose trail holds the record, or null when no account could be identified
 * @param tlsDetails         how the connection was secured, or null when the call came over plain HTTP
 */
public record ApiCallRecorded(String eventId, Instant eventTime, String eventSource, String eventName, String awsRegion,
                              String sourceIpAddress, String userAgent, String requestId, UserIdentity userIdentity,
                              Map<String, Object> requestParameters, Map<String, Object> responseElements,
                              String errorCode, String errorMessage, List<Resource> resources, boolean readOnly,
                              String recipientAccountId, TlsDetails tlsDetails) implements AccountScoped {

    /** A call that came over plain HTTP. */
    public ApiCallRecorded(String eventId, Instant eventTime, String eventSource, String eventName, String awsRegion,
                           String sourceIpAddress, String userAgent, String requestId, UserIdentity userIdentity,
                           Map<String, Object> requestParameters, Map<String, Object> responseElements, String errorCode,
                           String errorMessage, List<Resource> resources, boolean readOnly, String recipientAccountId) {
        this(eventId, eventTime, eventSource, eventName, awsRegion, sourceIpAddress, userAgent, requestId, userIdentity,
                requestParameters, responseElements, errorCode, errorMessage, resources, readOnly, recipientAccountId, null);
    }

    @Override
    public String accountId() {
        return recipientAccountId;
    }

    /**
     * CloudTrail's userIdentity.
     *
     * @param identityProvider for a WebIdentityUser the provider's host, for a SAMLUser the name qualifier; else null
     */
    public record UserIdentity(String type, String principalId, String arn, String accountId, String accessKeyId,
                               String userName, SessionContext sessionContext, String identityProvider) {

        /** An identity that no identity provider vouched for. */
        public UserIdentity(String type, String principalId, String arn, String accountId, String accessKeyId, String userName,
                            SessionContext sessionContext) {
            this(type, principalId, arn, accountId, accessKeyId, userName, sessionContext, null);
        }
    }

    /**
     * CloudTrail's userIdentity.sessionContext, for temporary credentials.
     *
     * @param federatedProvider for a session of a role assumed with web identity or SAML, the provider's ARN
     *                          (CloudTrail's webIdFederationData.federatedProvider); else null
     */
    public record SessionContext(SessionIssuer sessionIssuer, Instant creationDate, boolean mfaAuthenticated,
                                 String sourceIdentity, String federatedProvider) {

        /** A session no identity provider stands behind. */
        public SessionContext(SessionIssuer sessionIssuer, Instant creationDate, boolean mfaAuthenticated, String sourceIdentity) {
            this(sessionIssuer, creationDate, mfaAuthenticated, sourceIdentity, null);
        }
    }

    /** CloudTrail's userIdentity.sessionContext.sessionIssuer. */
    public record SessionIssuer(String type, String principalId, String arn, String accountId, String userName) {
    }

    /** CloudTrail's tlsDetails: the TLS version, the cipher suite, and the Host header the client sent. */
    public record TlsDetails(String tlsVersion, String cipherSuite, String clientProvidedHostHeader) {
    }

    /** CloudTrail's resources[]: {@code {"ARN": ..., "accountId": ..., "type": "AWS::IAM::Role"}}. */
    public record Resource(String arn, String accountId, String type) {
    }
}
