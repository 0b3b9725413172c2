package dev.mayfly.agent;

/**
 * A failure of the agent or of credential-process to report in one clear sentence, without a stack trace: the AWS CLI
 * shows credential_process's standard error to the user as it is.
 */
public final class AgentException extends RuntimeException {

    public AgentException(String message) {
        super(message, null, false, false);
    }
}
