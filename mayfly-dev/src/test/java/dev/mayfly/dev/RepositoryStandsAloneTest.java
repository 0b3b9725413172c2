package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone with nothing beside it builds, tests and documents itself: no source, script, setting or document names a
 * place outside the repository, and every relative link in the documentation leads to a file in it.
 */
class RepositoryStandsAloneTest {

    /** The checkout: tests run from their module's directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> NOT_OURS = Set.of(".git", "target", ".mayfly", "node_modules", ".idea");
    private static final Set<String> TEXT = Set.of(".java", ".md", ".sh", ".xml", ".yml", ".yaml", ".properties", ".json", ".txt");
    private static final Set<String> TEXT_NAMES = Set.of("mayfly", "Dockerfile", "run", "mvnw");
    /** Places beside or above the checkout that the machines it was written on have (spelled in parts, not to match here). */
    private static final List<String> OUTSIDE = List.of(".." + "/shared", "/work" + "/");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static List<Path> ourTextFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile).filter(RepositoryStandsAloneTest::ours)
                    .filter(file -> TEXT_NAMES.contains(file.getFileName().toString())
                            || TEXT.stream().anyMatch(extension -> file.getFileName().toString().endsWith(extension)))
                    .toList();
        }
    }

    /** Not in a directory of the build's output, of git, or of a dev platform's state. */
    private static boolean ours(Path file) {
        for (Path part : ROOT.relativize(file)) {
            if (NOT_OURS.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static String text(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            return "";
        }
    }

    @Test
    void filesWhenReadThenNoneNamesAPlaceOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : ourTextFiles()) {
            String text = text(file);
            for (String outside : OUTSIDE) {
                if (text.contains(outside)) {
                    found.add(ROOT.relativize(file) + " names " + outside);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void documentationWhenItLinksToAFileThenTheFileIsInTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : ourTextFiles()) {
            if (!file.getFileName().toString().endsWith(".md")) {
                continue;
            }
            Matcher link = MARKDOWN_LINK.matcher(text(file));
            while (link.find()) {
                String target = link.group(1).replaceAll("#.*$", "");
                if (target.isEmpty() || target.matches("^[a-z]+:.*")) {
                    continue;
                }
                Path resolved = file.getParent().resolve(target).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(file) + " -> " + link.group(1));
                }
            }
        }
        assertThat(broken).isEmpty();
    }
}
