package dev.mayfly.containers;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready when the service's healthcheck from docker-compose.yml, run inside its container as Docker would, succeeds: the
 * topology waits on the very checks compose waits on, so a healthcheck that cannot pass fails here.
 */
final class ComposeHealthcheck extends AbstractWaitStrategy {

    private final List<String> command;

    ComposeHealthcheck(List<String> command) {
        this.command = command;
    }

    @Override
    protected void waitUntilReady() {
        Instant deadline = Instant.now().plus(startupTimeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (waitStrategyTarget.execInContainer(command.toArray(String[]::new)).getExitCode() == 0) {
                    return;
                }
                Thread.sleep(Duration.ofSeconds(1));
            } catch (IOException e) {
                throw new ContainerLaunchException("The healthcheck " + command + " could not be run", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("Interrupted while waiting for " + command);
            }
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("The container stopped before its healthcheck passed: " + command);
            }
        }
        throw new ContainerLaunchException("The healthcheck " + command + " did not pass within " + startupTimeout);
    }
}
