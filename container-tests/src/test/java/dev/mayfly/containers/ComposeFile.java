package dev.mayfly.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as the container topology reads it: each service's environment, command and volumes, so that the
 * containers started here are configured by the file users run, and cannot drift from it.
 */
final class ComposeFile {

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");

    /** A volume of a service: a named volume of the file, or a file of the checkout (a bind mount). */
    record Mount(String source, String target, boolean readOnly, boolean named) {
    }

    /** Where compose mounts a service's secrets, each under its name. */
    static final String SECRETS_DIR = "/run/secrets/";

    private final JsonNode services;
    private final JsonNode secrets;
    private final Path directory;

    private ComposeFile(JsonNode services, JsonNode secrets, Path directory) {
        this.services = services;
        this.secrets = secrets;
        this.directory = directory;
    }

    static ComposeFile read(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
            return new ComposeFile(root.path("services"), root.path("secrets"), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's environment, each ${VAR:-default} given its default, as docker compose does with VAR unset. */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        services.path(service).path("environment").properties()
                .forEach(entry -> environment.put(entry.getKey(), withDefaults(entry.getValue().asText())));
        return environment;
    }

    List<String> command(String service) {
        List<String> command = new ArrayList<>();
        services.path(service).path("command").forEach(word -> command.add(withDefaults(word.asText())));
        return command;
    }

    /** The command of the service's healthcheck, as Docker runs it: CMD's words, or CMD-SHELL's line through sh. */
    List<String> healthcheck(String service) {
        List<String> test = new ArrayList<>();
        services.path(service).path("healthcheck").path("test").forEach(word -> test.add(word.asText().replace("$$", "$")));
        if (test.isEmpty()) {
            throw new IllegalArgumentException(service + " has no healthcheck");
        }
        return switch (test.get(0)) {
            case "CMD" -> test.subList(1, test.size());
            case "CMD-SHELL" -> List.of("sh", "-c", test.get(1));
            default -> throw new IllegalArgumentException(service + "'s healthcheck is neither CMD nor CMD-SHELL");
        };
    }

    String image(String service) {
        return withDefaults(services.path(service).path("image").asText());
    }

    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        services.path(service).path("volumes").forEach(volume -> {
            String[] parts = volume.asText().split(":");
            boolean readOnly = parts.length > 2 && parts[2].equals("ro");
            boolean bind = parts[0].startsWith(".") || parts[0].startsWith("/");
            String source = bind ? directory.resolve(parts[0]).normalize().toString() : parts[0];
            mounts.add(new Mount(source, parts[1], readOnly, !bind));
        });
        return mounts;
    }

    /** The names of the secrets the service is given (compose's short form), each mounted at {@link #SECRETS_DIR}NAME. */
    List<String> secrets(String service) {
        List<String> names = new ArrayList<>();
        services.path(service).path("secrets").forEach(name -> names.add(name.asText()));
        return names;
    }

    /** The file a secret of the file is read from, as compose resolves it: against the compose file's directory. */
    Path secretFile(String secret) {
        String file = secrets.path(secret).path("file").asText();
        if (file.isEmpty()) {
            throw new IllegalArgumentException("the secret " + secret + " has no file");
        }
        return directory.resolve(file).normalize();
    }

    private static String withDefaults(String value) {
        Matcher matcher = DEFAULTED.matcher(value);
        return matcher.replaceAll(result -> Matcher.quoteReplacement(result.group(1)));
    }
}
