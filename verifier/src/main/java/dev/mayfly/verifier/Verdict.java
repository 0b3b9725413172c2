package dev.mayfly.verifier;

/**
 * The verifier's answer.
 *
 * @param allowed   whether the request may proceed
 * @param principal who made it (the session's ARN), or null when the request could not be authenticated
 * @param reason    why, in words fit for a log (never a secret)
 */
public record Verdict(boolean allowed, String principal, String reason) {

    static Verdict deny(String principal, String reason) {
        return new Verdict(false, principal, reason);
    }
}
