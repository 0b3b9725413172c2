package dev.mayfly.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of Mayfly this code was built as (the Maven project version), for ./mayfly version and GET /about. */
public final class MayflyVersion {

    private static final String RESOURCE = "mayfly-version.properties";
    private static final String CURRENT = load();

    private MayflyVersion() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = MayflyVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + MayflyVersion.class.getName()
                        + ": the build writes it");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
