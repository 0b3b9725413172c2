package dev.mayfly.runtime;

/**
 * An error answered in AWS's shape: its code, a message safe to show the caller (never a secret), and the
 * HTTP status.
 */
public class AwsServiceException extends RuntimeException {

    private final String code;
    private final int httpStatus;

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

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
