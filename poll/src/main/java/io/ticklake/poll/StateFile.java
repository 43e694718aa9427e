package io.ticklake.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The poller's memory across restarts: per index the last tick sent ({@link LastSent}), as JSON
 * ({@code {"version":1,"symbols":{"AAPL":{"ts":…,"day":"…","price":…,"cumulative_volume":…}}}}).
 * Written after the producer's flush (every tick in it is acknowledged by Kafka), to a temporary file
 * then moved over the old one atomically, so a crash leaves the old or the new file, never half of one.
 */
public final class StateFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path path;

    public StateFile(final Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    public Path path() {
        return path;
    }

    /**
     * What the file holds; empty when it does not exist.
     *
     * @throws IllegalArgumentException when it exists but cannot be read (a corrupt state must not
     *                                  silently become "nothing sent yet": that would resend)
     */
    public Map<String, LastSent> load() {
        if (!Files.exists(path)) {
            return Map.of();
        }
        try {
            final JsonNode root = MAPPER.readTree(path.toFile());
            if (root == null || root.path("version").asInt() != 1 || !root.path("symbols").isObject()) {
                throw new IllegalArgumentException("state file " + path + " is not a ticklake poll state (version 1)");
            }
            final Map<String, LastSent> out = new TreeMap<>();
            root.get("symbols").fields().forEachRemaining(e -> out.put(e.getKey(), read(e.getValue())));
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("state file")) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot read state file " + path + ": " + e.getMessage(), e);
        }
    }

    private static LastSent read(final JsonNode n) {
        if (!n.path("ts").canConvertToLong() || !n.path("price").isNumber() || !n.path("day").isTextual()) {
            throw new IllegalArgumentException("an entry lacks ts, day or price");
        }
        return new LastSent(n.get("ts").asLong(), LocalDate.parse(n.get("day").asText()), n.get("price").asDouble(),
                n.path("cumulative_volume").asLong(-1));
    }

    /** Replaces the file with {@code state}. */
    public void save(final Map<String, LastSent> state) {
        final ObjectNode root = MAPPER.createObjectNode().put("version", 1);
        final ObjectNode symbols = root.putObject("symbols");
        new TreeMap<>(state).forEach((index, s) -> symbols.putObject(index).put("ts", s.ts()).put("day", s.day().toString())
                .put("price", s.price()).put("cumulative_volume", s.cumulative()));
        try {
            final Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            final Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                move(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + path + ": " + e.getMessage(), e);
        }
    }

    private void move(final Path tmp) throws IOException {
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
