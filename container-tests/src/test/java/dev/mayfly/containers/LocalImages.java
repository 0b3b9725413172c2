package dev.mayfly.containers;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The images the topology runs, all made on this machine without a registry: Mayfly's (the Jib tarball mayfly-image
 * built), PostgreSQL's (docker/build-base-images.sh, from Debian's packages), and Kafka's and Elasticsearch's, built here
 * from docker/images/ with embedded-infrastructure's jars from Maven Central. docker-compose.yml's official images are
 * replaced, service by service, by these.
 */
final class LocalImages {

    static final String BASE = "mayfly/java:25";
    static final String POSTGRES = "mayfly/postgres:15";

    private LocalImages() {
    }

    /** Each infrastructure service of the compose file, and the image that stands for it here. */
    static Map<String, String> infrastructure(Path checkout, Path infrastructureJars) {
        requirePresent(BASE);
        requirePresent(POSTGRES);
        return Map.of("postgres", POSTGRES,
                "kafka", fromJars(checkout.resolve("docker/images/kafka"), infrastructureJars, "mayfly/kafka:test"),
                "elasticsearch", fromJars(checkout.resolve("docker/images/elasticsearch"), infrastructureJars, "mayfly/elasticsearch:test"));
    }

    /** Loads the image Jib wrote: it is the one the compose file's Mayfly services name. */
    static void loadMayfly(Path tarball) throws IOException {
        try (InputStream image = Files.newInputStream(tarball)) {
            DockerClientFactory.instance().client().loadImageCmd(image).exec();
        }
    }

    private static String fromJars(Path recipe, Path jars, String name) {
        return new ImageFromDockerfile(name, false)
                .withFileFromPath("Dockerfile", recipe.resolve("Dockerfile"))
                .withFileFromPath("lib", jars)
                .get();
    }

    private static void requirePresent(String image) {
        DockerClient client = DockerClientFactory.instance().client();
        if (client.listImagesCmd().withImageNameFilter(image).exec().isEmpty()) {
            throw new IllegalStateException("No image " + image + ": run docker/build-base-images.sh (as root) first");
        }
    }
}
