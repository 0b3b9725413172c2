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
 * @param additionalEventData CloudTrail's additionalEventData: what the record adds about the call itself, for example
 *                            how many parameters {@link RecordBounds} set aside; null for nothing
 * @param traceId            the W3C trace id (32 lowercase hex digits) of the call's trace: the one its traceparent
 *                           header carried, or the one its server span started; null when the call was not traced. Absent
 *                           from events written before it existed, which read as null
 */
public record ApiCallRecorded(String eventId, Instant eventTime, String eventSource, String eventName, String awsRegion,
                              String sourceIpAddress, String userAgent, String requestId, UserIdentity userIdentity,
                              Map<String, Object> requestParameters, Map<String, Object> responseElements,
                              String errorCode, String errorMessage, List<Resource> resources, boolean readOnly,
                              String recipientAccountId, TlsDetails tlsDetails, Map<String, Object> additionalEventData,
                              String traceId)
        implements AccountScoped {

    /** Every record is bounded (see {@link RecordBounds}), whoever made it: a producer, or Jackson reading Kafka. */
    public ApiCallRecorded {
        eventId = RecordBounds.text(eventId, RecordBounds.MAX_TOKEN_CHARS);
        eventSource = RecordBounds.text(eventSource, RecordBounds.MAX_TOKEN_CHARS);
        eventName = RecordBounds.text(eventName, RecordBounds.MAX_TOKEN_CHARS);
        awsRegion = RecordBounds.text(awsRegion, RecordBounds.MAX_TOKEN_CHARS);
        sourceIpAddress = RecordBounds.text(sourceIpAddress, RecordBounds.MAX_TOKEN_CHARS);
        userAgent = RecordBounds.text(userAgent, RecordBounds.MAX_FIELD_CHARS / 2);
        requestId = RecordBounds.text(requestId, RecordBounds.MAX_TOKEN_CHARS);
        errorCode = RecordBounds.text(errorCode, RecordBounds.MAX_TOKEN_CHARS);
        errorMessage = RecordBounds.text(errorMessage, RecordBounds.MAX_FIELD_CHARS);
        recipientAccountId = RecordBounds.text(recipientAccountId, RecordBounds.MAX_TOKEN_CHARS);
        traceId = RecordBounds.text(traceId, RecordBounds.MAX_TOKEN_CHARS);
        if (resources != null && resources.size() > RecordBounds.MAX_MEMBERS) {
            resources = resources.subList(0, RecordBounds.MAX_MEMBERS);
        }
        RecordBounds.Bounded request = RecordBounds.parameters(requestParameters);
        RecordBounds.Bounded response = RecordBounds.parameters(responseElements);
        requestParameters = request.parameters();
        responseElements = response.parameters();
        additionalEventData = RecordBounds.noted(RecordBounds.parameters(additionalEventData).parameters(), request.tally(), response.tally());
    }

    /** A call that was not traced. */
    public ApiCallRecorded(String eventId, Instant eventTime, String eventSource, String eventName, String awsRegion,
                           String sourceIpAddress, String userAgent, String requestId, UserIdentity userIdentity,
                           Map<String, Object> requestParameters, Map<String, Object> responseElements, String errorCode,
                           String errorMessage, List<Resource> resources, boolean readOnly, String recipientAccountId,
                           TlsDetails tlsDetails, Map<String, Object> additionalEventData) {
        this(eventId, eventTime, eventSource, eventName, awsRegion, sourceIpAddress, userAgent, requestId, userIdentity,
                requestParameters, responseElements, errorCode, errorMessage, resources, readOnly, recipientAccountId, tlsDetails,
                additionalEventData, null);
    }

    /** A call that came over TLS, with nothing to add. */
    public ApiCallRecorded(String eventId, Instant eventTime, String eventSource, String eventName, String awsRegion,
                           String sourceIpAddress, String userAgent, String requestId, UserIdentity userIdentity,
                           Map<String, Object> requestParameters, Map<String, Object> responseElements, String errorCode,
                           String errorMessage, List<Resource> resources, boolean readOnly, String recipientAccountId,
                           TlsDetails tlsDetails) {
        this(eventId, eventTime, eventSource, eventName, awsRegion, sourceIpAddress, userAgent, requestId, userIdentity,
                requestParameters, responseElements, errorCode, errorMessage, resources, readOnly, recipientAccountId, tlsDetails, null);
    }

    /** A call that came over plain HTTP. */
    public ApiCallRecorded(String eventId, Instant eventTime, String eventSource, String eventName, String awsRegion,
                           String sourceIpAddress, String userAgent, String requestId, UserIdentity userIdentity,
                           Map<String, Object> requestParameters, Map<String, Object> responseElements, String errorCode,
                           String errorMessage, List<Resource> resources, boolean readOnly, String recipientAccountId) {
        this(eventId, eventTime, eventSource, eventName, awsRegion, sourceIpAddress, userAgent, requestId, userIdentity,
                requestParameters, responseElements, errorCode, errorMessage, resources, readOnly, recipientAccountId, null, null);
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

        public UserIdentity {
            type = RecordBounds.text(type, RecordBounds.MAX_TOKEN_CHARS);
            principalId = RecordBounds.text(principalId, RecordBounds.MAX_FIELD_CHARS);
            arn = RecordBounds.text(arn, RecordBounds.MAX_FIELD_CHARS);
            accountId = RecordBounds.text(accountId, RecordBounds.MAX_TOKEN_CHARS);
            accessKeyId = RecordBounds.text(accessKeyId, RecordBounds.MAX_TOKEN_CHARS);
            userName = RecordBounds.text(userName, RecordBounds.MAX_FIELD_CHARS);
            identityProvider = RecordBounds.text(identityProvider, RecordBounds.MAX_FIELD_CHARS);
        }

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

        public SessionContext {
            sourceIdentity = RecordBounds.text(sourceIdentity, RecordBounds.MAX_FIELD_CHARS);
            federatedProvider = RecordBounds.text(federatedProvider, RecordBounds.MAX_FIELD_CHARS);
        }

        /** A session no identity provider stands behind. */
        public SessionContext(SessionIssuer sessionIssuer, Instant creationDate, boolean mfaAuthenticated, String sourceIdentity) {
            this(sessionIssuer, creationDate, mfaAuthenticated, sourceIdentity, null);
        }
    }

    /** CloudTrail's userIdentity.sessionContext.sessionIssuer. */
    public record SessionIssuer(String type, String principalId, String arn, String accountId, String userName) {

        public SessionIssuer {
            type = RecordBounds.text(type, RecordBounds.MAX_TOKEN_CHARS);
            principalId = RecordBounds.text(principalId, RecordBounds.MAX_FIELD_CHARS);
            arn = RecordBounds.text(arn, RecordBounds.MAX_FIELD_CHARS);
            accountId = RecordBounds.text(accountId, RecordBounds.MAX_TOKEN_CHARS);
            userName = RecordBounds.text(userName, RecordBounds.MAX_FIELD_CHARS);
        }
    }

    /** CloudTrail's tlsDetails: the TLS version, the cipher suite, and the Host header the client sent. */
    public record TlsDetails(String tlsVersion, String cipherSuite, String clientProvidedHostHeader) {

        public TlsDetails {
            tlsVersion = RecordBounds.text(tlsVersion, RecordBounds.MAX_TOKEN_CHARS);
            cipherSuite = RecordBounds.text(cipherSuite, RecordBounds.MAX_TOKEN_CHARS);
            clientProvidedHostHeader = RecordBounds.text(clientProvidedHostHeader, RecordBounds.MAX_TOKEN_CHARS);
        }
    }

    /** CloudTrail's resources[]: {@code {"ARN": ..., "accountId": ..., "type": "AWS::IAM::Role"}}. */
    public record Resource(String arn, String accountId, String type) {

        public Resource {
            arn = RecordBounds.text(arn, RecordBounds.MAX_FIELD_CHARS);
            accountId = RecordBounds.text(accountId, RecordBounds.MAX_TOKEN_CHARS);
            type = RecordBounds.text(type, RecordBounds.MAX_TOKEN_CHARS);
        }
    }
}
