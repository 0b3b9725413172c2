package dev.mayfly.runtime;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A refusal that changes something all the same: a wrong MFA code counts towards locking its device. The refused call's
 * own changes are rolled back, so the audited-call frame ({@link dev.mayfly.runtime.audit.AuditedEndpoint}) makes these
 * in the transaction that records the refusal, and adds what they return to that record's additionalEventData. The
 * caller gets the same answer as without them.
 */
public final class RefusalWithEffects extends AwsServiceException {

    private final transient Supplier<Map<String, Object>> effects;

    /**
     * @param answer  the error the caller gets
     * @param effects makes the changes; returns what the audit record adds, or null for nothing
     */
    public RefusalWithEffects(AwsServiceException answer, Supplier<Map<String, Object>> effects) {
        super(answer.code(), answer.getMessage(), answer.httpStatus());
        concerning(answer.resources());
        because(answer.reason());
        this.effects = effects;
    }

    /** Call inside the transaction that records the refusal. */
    public Map<String, Object> applyEffects() {
        return effects.get();
    }
}
