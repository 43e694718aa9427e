package io.ticklake.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Remembers the KRaft controller port of a data directory across broker restarts. */
final class ControllerPortFile {

    private static final String FILE_NAME = "controller.port";

    private ControllerPortFile() {
    }

    /** The stored port, or empty when none is stored or the file is unreadable garbage. */
    static Optional<Integer> read(final Path dataDir) throws IOException {
        final Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            final int port = Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
            return port > 0 && port <= 65_535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void write(final Path dataDir, final int port) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve(FILE_NAME), Integer.toString(port), StandardCharsets.UTF_8);
    }
}
