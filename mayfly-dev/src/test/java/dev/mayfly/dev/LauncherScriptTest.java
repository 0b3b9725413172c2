package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/launcher.sh, which ./mayfly and the distribution's bin/mayfly source: which Java it takes, and where state is
 * kept by default. Run in a real bash, with stand-in java executables that answer -version as a JDK does.
 */
class LauncherScriptTest {

    private static final Path LAUNCHER = Path.of("..", "scripts", "launcher.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** A Java home whose bin/java says it is this major version. */
    private Path javaHome(String name, int major) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + major + ".0.2\" 2024-01-16' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve(name);
    }

    /** Runs the script in bash from a directory of its own, with only this environment; answers what it printed. */
    private String bash(String script, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -eu; . '" + LAUNCHER + "'; " + script)
                .directory(Files.createDirectories(dir.resolve("elsewhere")).toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        return output;
    }

    @Test
    void findJavaWhenJavaHomeIsTooOldAndPathHasJava21ThenTakesThePathsJava() throws Exception {
        Path old = javaHome("jdk17", 17);
        Path current = javaHome("jdk21", 21);

        String found = bash("mayfly_find_java; echo \"$JAVA_HOME\"",
                Map.of("JAVA_HOME", old.toString(), "PATH", current.resolve("bin") + ":/usr/bin:/bin"));

        assertThat(found).isEqualTo(current.toRealPath().toString());
    }

    @Test
    void findJavaWhenJavaHomeIs21OrNewerThenKeepsIt() throws Exception {
        Path chosen = javaHome("jdk25", 25);
        Path onPath = javaHome("jdk21", 21);

        String found = bash("mayfly_find_java; echo \"$JAVA_HOME\"",
                Map.of("JAVA_HOME", chosen.toString(), "PATH", onPath.resolve("bin") + ":/usr/bin:/bin"));

        assertThat(found).isEqualTo(chosen.toString());
    }

    @Test
    void javaMajorWhenOldStyleVersionThenReadsTheMinor() throws Exception {
        Path java8 = dir.resolve("java8");
        Files.writeString(java8, "#!/bin/sh\necho 'java version \"1.8.0_392\"' >&2\n");
        Files.setPosixFilePermissions(java8, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(bash("mayfly_java_major '" + java8 + "'", Map.of("PATH", "/usr/bin:/bin"))).isEqualTo("8");
    }

    @Test
    void defaultsWhenRunFromAnotherDirectoryThenHomeIsTheRootsMayflyDirectory() throws Exception {
        Path root = Files.createDirectories(dir.resolve("checkout"));

        String home = bash("mayfly_defaults '" + root + "' '" + root.resolve("mayfly") + "'; echo \"$MAYFLY_HOME $MAYFLY_LAUNCHER\"",
                Map.of("PATH", "/usr/bin:/bin"));

        assertThat(home).isEqualTo(root.resolve(".mayfly") + " " + root.resolve("mayfly"));
    }

    @Test
    void defaultsWhenMayflyHomeIsSetThenKeepsIt() throws Exception {
        Path root = Files.createDirectories(dir.resolve("checkout"));

        String home = bash("mayfly_defaults '" + root + "' '" + root.resolve("mayfly") + "'; echo \"$MAYFLY_HOME\"",
                Map.of("PATH", "/usr/bin:/bin", "MAYFLY_HOME", "/srv/mayfly"));

        assertThat(home).isEqualTo("/srv/mayfly");
    }

    @Test
    void jvmFlagsWhenJavaOptsAreSetThenTheyComeLast() throws Exception {
        Path jdk = javaHome("jdk21", 21);

        String flags = bash("mayfly_jvm_flags; echo \"${MAYFLY_JVM_FLAGS[*]}\"",
                Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", jdk.toString(), "MAYFLY_JAVA_OPTS", "-Xmx1g -Dx=y"));

        assertThat(flags).startsWith("-Xmx1536m").endsWith("-Xmx1g -Dx=y");
    }

    /** A directory holding a stand-in docker command that fails, as the CLI does when no engine answers. */
    private Path noDockerEngine() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("no-engine"));
        Path docker = bin.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\necho 'Cannot connect to the Docker daemon' >&2\nexit 1\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void containersTestableWhenNoDockerEngineAnswersThenLeftOutWithAReason() throws Exception {
        String answer = bash("if mayfly_containers_testable /nonexistent; then echo included; else echo left-out; fi",
                Map.of("PATH", noDockerEngine() + ":/usr/bin:/bin"));

        assertThat(answer).contains("No Docker engine answers").endsWith("left-out");
    }

    @Test
    void containersTestableWhenCiThenIncludedSoThatAMissingEngineFails() throws Exception {
        Path script = Files.createDirectories(dir.resolve("checkout/docker")).resolve("build-base-images.sh");
        Files.writeString(script, "#!/bin/sh\necho built\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        String answer = bash("if mayfly_containers_testable '" + dir.resolve("checkout") + "'; then echo included; else echo left-out; fi",
                Map.of("PATH", noDockerEngine() + ":/usr/bin:/bin", "CI", "true"));

        assertThat(answer).isEqualTo("built\nincluded");
    }

    /** A jar and an AOT cache in MAYFLY_HOME, the jar older than the cache by the given seconds (negative: newer). */
    private Map<String, String> buildWithCache(int jarOlderBySeconds) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cache = Files.createDirectories(home.resolve("aot")).resolve("dev.aot");
        Files.writeString(cache, "cache");
        Path jar = Files.writeString(Files.createDirectories(dir.resolve("lib")).resolve("mayfly.jar"), "jar");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(cache).toMillis() - jarOlderBySeconds * 1000L));
        return Map.of("MAYFLY_HOME", home.toString(), "PATH", "/usr/bin:/bin");
    }

    private String aotFlags(Path javaHome, Map<String, String> build, String classpath) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(build);
        environment.put("JAVA_HOME", javaHome.toString());
        return bash("mayfly_aot_flags '" + classpath + "'; echo \"flags: ${MAYFLY_AOT_FLAGS[*]:-none}\"", environment);
    }

    @Test
    void aotFlagsWhenCacheNewerThanEveryJarThenStartsFromIt() throws Exception {
        Map<String, String> build = buildWithCache(60);

        String flags = aotFlags(javaHome("jdk25", 25), build, dir.resolve("lib") + "/*");

        assertThat(flags).isEqualTo("flags: -XX:AOTCache=" + dir.resolve("home/aot/dev.aot") + " -Xlog:aot*=off -Xlog:cds*=off");
    }

    @Test
    void aotFlagsWhenAJarIsNewerThanTheCacheThenNoneAndSaysWhy() throws Exception {
        Map<String, String> build = buildWithCache(-60);

        String flags = aotFlags(javaHome("jdk25", 25), build, "/nonexistent.jar:" + dir.resolve("lib/mayfly.jar"));

        assertThat(flags).contains("older than this build", "./mayfly aot").endsWith("flags: none");
    }

    @Test
    void aotFlagsWhenJavaOlderThan25ThenNone() throws Exception {
        Map<String, String> build = buildWithCache(60);

        assertThat(aotFlags(javaHome("jdk21", 21), build, dir.resolve("lib") + "/*")).isEqualTo("flags: none");
    }

    @Test
    void aotFlagsWhenNoCacheThenNone() throws Exception {
        Map<String, String> build = buildWithCache(60);
        Files.delete(dir.resolve("home/aot/dev.aot"));

        assertThat(aotFlags(javaHome("jdk25", 25), build, dir.resolve("lib") + "/*")).isEqualTo("flags: none");
    }
}
