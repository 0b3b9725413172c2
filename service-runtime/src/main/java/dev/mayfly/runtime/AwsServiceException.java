package dev.mayfly.runtime;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import java.util.List;

/**
 * An error answered in AWS's shape: its code, a message safe to show the caller (never a secret), and the
 * HTTP status; and, for the audit record of the refused call only, the resources it concerned ({@link #concerning}) and
 * the reason behind an answer that reads alike for every reason ({@link #because}).
 */
public class AwsServiceException extends RuntimeException {

    private final String code;
    private final int httpStatus;
    private transient List<Resource> resources = List.of();
    private transient String reason;

    public AwsServiceException(String code, String message, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public static AwsServiceException validation(String message) {
        return new AwsServiceException("ValidationError", message, 400);
    }

    public static AwsServiceException accessDenied(String message) {
        return new AwsServiceException("AccessDenied", message, 403);
    }

    /**
     * Names, in the refused call's audit record, the resources the refusal concerned: only resources known to exist, as
     * a resource's account sees the record too (a refused AssumeRole of another account's role is recorded in the role's
     * account). Never shown to the caller.
     *
     * @return this refusal
     */
    public AwsServiceException concerning(List<Resource> concerned) {
        this.resources = List.copyOf(concerned);
        return this;
    }

    /** The resources the refusal concerned; none unless {@link #concerning} named them. */
    public List<Resource> resources() {
        return resources;
    }

    /**
     * Says, in the refused call's audit record only (additionalEventData.refusalReason), why a refusal whose answer is the
     * same for every reason was made: an unauthenticated caller is told nothing of the account it named, while that
     * account's own trail, which records the call, keeps what went wrong. Never shown to the caller.
     *
     * @return this refusal
     */
    public AwsServiceException because(String why) {
        this.reason = why;
        return this;
    }

    /** Why the refusal was made, for its record; null unless {@link #because} said it. */
    public String reason() {
        return reason;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
