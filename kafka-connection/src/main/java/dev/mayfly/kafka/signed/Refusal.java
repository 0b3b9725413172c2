package dev.mayfly.kafka.signed;

/** Why a consumer did not use a record of a signed feed. */
public enum Refusal {
    /** No signature: written by something other than a Mayfly service, or before records were signed. */
    UNSIGNED("carries no signature"),
    /** A signature no producer of the topic made over this record: an attacker's key, or a signature moved from another record. */
    FORGED("is not signed by a producer of its topic"),
    /** Validly signed, but older than the record already applied for its key: an old record published again. */
    REPLAYED("is older than the record already applied for its key"),
    /**
     * Validly signed, but nothing can be made of it (a value that is not what the topic carries): the
     * producer's own bug, or its key in the wrong hands. Set aside so that the records after it are still applied.
     */
    UNUSABLE("is signed, but cannot be applied");

    private final String description;

    Refusal(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
