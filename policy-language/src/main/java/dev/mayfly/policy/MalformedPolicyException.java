package dev.mayfly.policy;

/** A policy document that does not parse or validate; the message is what IAM's MalformedPolicyDocument says. */
public final class MalformedPolicyException extends RuntimeException {
    public MalformedPolicyException(String message) {
        super(message, null, false, false);
    }
}
