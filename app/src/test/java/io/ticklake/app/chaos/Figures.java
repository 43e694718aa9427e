package io.ticklake.app.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of one chaos test, logged and appended to {@code target/chaos-figures.txt} (the source
 * of docs/RELIABILITY.md).
 */
final class Figures {
    private static final Logger LOG = LoggerFactory.getLogger(Figures.class);
    private static final Path FILE = Path.of("target", "chaos-figures.txt");
    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Figures(final String test) {
        this.test = test;
    }

    Figures put(final String name, final Object value) {
        values.put(name, value);
        return this;
    }

    /** Logs and appends one line: {@code <time> <test>: a=1, b=2}. */
    void write() {
        final String line = Instant.now() + " " + test + ": "
                + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        LOG.info("FIGURES {}", line);
        System.out.println("FIGURES " + line);
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
