package dev.mayfly.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * docker-compose.yml's services as Testcontainers containers on a network of their own, each reachable by its service
 * name, with the file's environment, command, volumes (named volumes made for this topology alone) and secrets (each
 * file mounted read-only at /run/secrets/NAME, as compose does without swarm), and the image given for it (a locally
 * built one in place of an official image). Removes every container, volume and the network
 * it made when closed (Ryuk, Testcontainers' reaper, needs an image from a registry, so is off).
 */
final class ComposeTopology implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(4);

    private final ComposeFile compose;
    private final Map<String, String> images;
    private final Map<String, Path> secretFiles;
    private final String prefix = "mayfly-ct-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final Network network = Network.newNetwork();
    private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private final List<String> volumes = new ArrayList<>();

    /**
     * @param images      the image of each service whose image is not the compose file's own
     * @param secretFiles the file of each secret that is not the compose file's own (a test's key, not the operator's)
     */
    ComposeTopology(ComposeFile compose, Map<String, String> images, Map<String, Path> secretFiles) {
        this.compose = compose;
        this.images = images;
        this.secretFiles = secretFiles;
    }

    /**
     * A long-running service, not started yet: ready when it answers as its compose healthcheck asks. Start several
     * with {@link #startTogether}: they wait for their dependencies themselves, as under compose.
     */
    GenericContainer<?> service(String service, int port, WaitStrategy ready) {
        GenericContainer<?> container = container(service, true).withExposedPorts(port).waitingFor(ready.withStartupTimeout(START));
        containers.put(service, container);
        return container;
    }

    /** A service whose image runs its compose healthcheck as it is (Mayfly's, Debian's PostgreSQL): ready when it passes. */
    GenericContainer<?> healthchecked(String service, int port) {
        return service(service, port, new ComposeHealthcheck(compose.healthcheck(service)));
    }

    /** Starts these at once, and returns when every one is ready. */
    void startTogether(GenericContainer<?>... services) {
        Startables.deepStart(services).join();
    }

    /** Runs a one-shot service to its end and answers what it printed (kept out of the build's log: it may hold a key). */
    String run(String service) {
        return runAs(service, service, compose.command(service));
    }

    /**
     * Runs a service's container with another command to its end, as {@code docker compose run --rm SERVICE COMMAND...}
     * does, and answers what it printed.
     */
    String run(String service, String... command) {
        return runAs(service, service + "-run-" + containers.size(), List.of(command));
    }

    private String runAs(String service, String name, List<String> command) {
        GenericContainer<?> container = container(service, name, command, false)
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)));
        containers.put(name, container);
        container.start();
        return container.getLogs();
    }

    /** SIGKILL, as a crash or an OOM kill would: no drain, no shutdown hook. */
    void kill(String service) {
        DockerClientFactory.instance().client().killContainerCmd(containers.get(service).getContainerId()).exec();
    }

    private GenericContainer<?> container(String service, boolean logged) {
        return container(service, service, compose.command(service), logged);
    }

    private GenericContainer<?> container(String service, String name, List<String> command, boolean logged) {
        String image = images.getOrDefault(service, compose.image(service));
        List<Bind> binds = new ArrayList<>();
        for (ComposeFile.Mount mount : compose.mounts(service)) {
            String source = mount.named() ? volume(mount.source()) : mount.source();
            binds.add(new Bind(source, new Volume(mount.target()), mount.readOnly() ? AccessMode.ro : AccessMode.rw));
        }
        for (String secret : compose.secrets(service)) {
            Path file = secretFiles.getOrDefault(secret, compose.secretFile(secret));
            binds.add(new Bind(file.toString(), new Volume(ComposeFile.SECRETS_DIR + secret), AccessMode.ro));
        }
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network).withNetworkAliases(service)
                .withEnv(compose.environment(service))
                .withCreateContainerCmdModifier(cmd -> cmd.withName(prefix + name).getHostConfig().withBinds(binds));
        if (logged) {
            container.withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container." + service)).withSeparateOutputStreams());
        }
        if (!command.isEmpty()) {
            container.withCommand(command.toArray(String[]::new));
        }
        return container;
    }

    private String volume(String name) {
        String scoped = prefix + name;
        if (!volumes.contains(scoped)) {
            volumes.add(scoped);
        }
        return scoped;
    }

    @Override
    public void close() {
        DockerClient client = DockerClientFactory.instance().client();
        for (GenericContainer<?> container : containers.values()) {
            if (container.getContainerId() != null) {
                try {
                    client.removeContainerCmd(container.getContainerId()).withForce(true).withRemoveVolumes(true).exec();
                } catch (RuntimeException e) {
                    // already gone
                }
            }
        }
        for (String volume : volumes) {
            try {
                client.removeVolumeCmd(volume).exec();
            } catch (RuntimeException e) {
                // never made: its service did not start
            }
        }
        network.close();
    }
}
