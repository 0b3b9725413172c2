package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The services' log4j2.xml: plain text by default, ECS JSON lines when asked (MAYFLY_LOG_FORMAT=json, or the system
 * property mayfly.log.format=json, which is what a test can set). Read into a context of its own, not this JVM's.
 */
class LogFormatTest {

    @AfterEach
    void clear() {
        System.clearProperty("mayfly.log.format");
    }

    private static String consoleLayout() throws Exception {
        LoggerContext context = new LoggerContext("log-format-test");
        Configuration configuration = ConfigurationFactory.getInstance().getConfiguration(context,
                ConfigurationSource.fromResource("log4j2.xml", LogFormatTest.class.getClassLoader()));
        configuration.start();
        try {
            return configuration.getAppender("console").getLayout().getClass().getSimpleName();
        } finally {
            configuration.stop();
        }
    }

    @Test
    void log4j2WhenNoFormatIsAskedThenPlainText() throws Exception {
        assertThat(consoleLayout()).isEqualTo("PatternLayout");
    }

    @Test
    void log4j2WhenJsonIsAskedThenEcsJsonTemplateLayout() throws Exception {
        System.setProperty("mayfly.log.format", "json");

        assertThat(consoleLayout()).isEqualTo("JsonTemplateLayout");
    }
}
