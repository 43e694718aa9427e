package io.ticklake.app.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The service's logging in a chaos run: INFO for ticklake, WARN for Kafka (its DEBUG default would slow it down). */
final class LogConfig {
    private static final String XML = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder>
              </appender>
              <logger name="io.ticklake" level="INFO"/>
              <logger name="org.apache.kafka" level="WARN"/>
            <!--extra-->  <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private LogConfig() {
    }

    /** Writes {@code service-logback.xml} into {@code dir} and returns it. */
    static Path write(final Path dir) {
        return write(dir, "");
    }

    /**
     * As {@link #write(Path)}, with {@code extraLoggers} ({@code <logger …/>} lines, each ending in a
     * newline) after the Kafka default.
     */
    static Path write(final Path dir, final String extraLoggers) {
        final String loggers = extraLoggers.lines().map(l -> "  " + l.strip() + "\n").reduce("", String::concat);
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("service-logback.xml"), XML.replace("<!--extra-->", loggers),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
