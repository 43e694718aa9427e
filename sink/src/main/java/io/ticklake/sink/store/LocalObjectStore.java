package io.ticklake.sink.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An {@link ObjectStore} on a local directory. A put writes a temp file under {@code <root>/.tmp/}
 * (inside the root, outside every table, so no reader of a table prefix ever sees it), fsyncs it,
 * renames it atomically onto the final path and fsyncs the directory. The temp directory exists only
 * while the store is open and has written: {@link #close()} removes it when it is empty.
 */
public final class LocalObjectStore implements ObjectStore {
    /** Directory under the root that holds in-flight writes; never a table name (tables have no dot). */
    public static final String TMP_DIR = ".tmp";

    private final LakeRoot root;
    private final Path dir;
    private final Path tmp;

    /** A store on {@code root}, which must be a local root; creates the directory if needed. */
    public LocalObjectStore(final LakeRoot root) throws IOException {
        if (root.isS3()) {
            throw new IllegalArgumentException("not a local lake root: " + root);
        }
        this.root = root;
        this.dir = root.directory();
        this.tmp = dir.resolve(TMP_DIR);
        Files.createDirectories(dir);
    }

    /** A store on {@code directory}. */
    public static LocalObjectStore at(final Path directory) throws IOException {
        return new LocalObjectStore(LakeRoot.local(directory));
    }

    @Override
    public LakeRoot root() {
        return root;
    }

    @Override
    public void put(final String key, final byte[] content) throws IOException {
        final Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Files.createDirectories(tmp);
        final Path temp = tmp.resolve(UUID.randomUUID() + ".part");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                final ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("lake directory does not support atomic rename: " + dir, e);
            }
            fsyncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<byte[]> get(final String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(final String prefix) throws IOException {
        final List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(final Path d, final BasicFileAttributes attrs) {
                return d.equals(tmp) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) {
                final String key = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (key.startsWith(prefix)) {
                    keys.add(key);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(keys);
        return keys;
    }

    @Override
    public void delete(final String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    /** Removes the temp directory if it is empty (a file left in it by a crash stays, for inspection). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // not empty, or not ours to remove: leave it
        }
    }

    /** The file of {@code key}; refuses keys that would leave the root or land in the temp area. */
    Path resolve(final String key) {
        final Path p = dir.resolve(key).normalize();
        if (!p.startsWith(dir) || p.equals(dir) || p.startsWith(tmp)) {
            throw new IllegalArgumentException("key outside the lake: " + key);
        }
        return p;
    }

    private static void fsyncDirectory(final Path d) {
        // Makes the rename durable on Linux; some platforms cannot open a directory, which is fine there.
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }
}
