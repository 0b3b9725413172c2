package dev.mayfly.issuer.api;

import dev.mayfly.runtime.AwsServiceException;

/** IAM Access Analyzer's documented errors (REST JSON): their codes and statuses as its API reference gives them. */
public final class AccessAnalyzerErrors {

    private AccessAnalyzerErrors() {
    }

    public static AwsServiceException validation(String message) {
        return new AwsServiceException("ValidationException", message, 400);
    }

    public static AwsServiceException notFound(String message) {
        return new AwsServiceException("ResourceNotFoundException", message, 404);
    }

    public static AwsServiceException conflict(String message) {
        return new AwsServiceException("ConflictException", message, 409);
    }

    public static AwsServiceException analyzerNotFound(String name) {
        return notFound("Analyzer " + name + " not found.");
    }
}
