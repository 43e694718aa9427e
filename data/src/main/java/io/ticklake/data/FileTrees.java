package io.ticklake.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Recursive deletion of a directory tree: the one copy every module uses (the broker's own aside). */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything under it; nothing when it does not exist.
     *
     * @throws IOException the first file that cannot be deleted
     */
    public static void delete(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        final List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(root)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (final Path p : deepestFirst) {
            Files.deleteIfExists(p);
        }
    }

    /** {@link #delete} for temporary directories: false (and the tree left for the OS) when it fails. */
    public static boolean deleteQuietly(final Path root) {
        try {
            delete(root);
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
