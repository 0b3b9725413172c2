package dev.mayfly.contract;

/** The Kafka topics, and the record headers every Mayfly producer sets. */
public final class Topics {

    /** Every event of every account, keyed by account id, in order per account. */
    public static final String EVENTS = "mayfly.events";
    /** Revocation rules, keyed by rule id, compacted: the latest value per rule is the rule; a tombstone lifts it. */
    public static final String REVOCATIONS = "mayfly.revocations";
    /**
     * What decides for each user, role and managed policy ({@link PolicySnapshot}), keyed by its ARN, compacted: the
     * latest value is the state; a tombstone says it is gone. Verifiers decide locally from it.
     */
    public static final String POLICIES = "mayfly.policies";
    /**
     * The deployment's key rings, keyed by ring name (session-token, issuer-signing, ...), compacted: the latest value is
     * the whole ring, sealed under the operator's key-encryption key, which never reaches Kafka.
     */
    public static final String KEYS = "mayfly.keys";
    /**
     * The audit's detections asking for a response ({@link DetectionResponse}), keyed by account id, signed by the audit
     * service: the revocation service turns each into a rule of that account, and takes them from nobody else.
     */
    public static final String DETECTIONS = "mayfly.detections";

    public static final String HEADER_EVENT_ID = "mayfly-event-id";
    public static final String HEADER_EVENT_TYPE = "mayfly-event-type";

    /** The key of events that belong to no account (a call whose caller could not be identified). */
    public static final String NO_ACCOUNT_KEY = "-";

    private Topics() {
    }
}
