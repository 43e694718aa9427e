package io.ticklake.sink.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the lake lives: an S3 bucket and key prefix ({@code s3://bucket/prefix}) or a local directory
 * ({@code /dir}, {@code file:///dir}). Keys handed to an {@link ObjectStore} are relative to the root
 * ({@code ticks/index=NYA/date=2021-05-28/…}).
 *
 * @param bucket    the S3 bucket, null for a local root
 * @param prefix    S3 key prefix without leading or trailing {@code /} (may be empty); empty for a local root
 * @param directory the absolute, normalized local directory, null for an S3 root
 */
public record LakeRoot(String bucket, String prefix, Path directory) {
    public LakeRoot {
        if ((bucket == null) == (directory == null)) {
            throw new IllegalArgumentException("a lake root is either an S3 bucket or a directory");
        }
        prefix = prefix == null ? "" : trimSlashes(prefix);
        if (bucket != null && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("invalid S3 bucket name: " + bucket);
        }
        if (directory != null) {
            directory = directory.toAbsolutePath().normalize();
        }
    }

    /**
     * Parses {@code s3://bucket[/prefix]} ({@code s3a://} accepted), {@code file:///dir} or a plain path.
     *
     * @throws IllegalArgumentException with a one-line reason when it is neither
     */
    public static LakeRoot parse(final String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("lake root is empty (expected s3://bucket/prefix or a directory)");
        }
        final String v = value.trim();
        final String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("s3://") || lower.startsWith("s3a://")) {
            final String rest = v.substring(v.indexOf("://") + 3);
            final int slash = rest.indexOf('/');
            final String bucket = slash < 0 ? rest : rest.substring(0, slash);
            final String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("lake root has no bucket: " + v);
            }
            return s3(bucket, prefix);
        }
        if (lower.startsWith("file:")) {
            return local(Path.of(URI.create(v)));
        }
        if (lower.matches("[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("unsupported lake root scheme (use s3:// or a directory): " + v);
        }
        return local(Path.of(v));
    }

    /** An S3 root. */
    public static LakeRoot s3(final String bucket, final String prefix) {
        return new LakeRoot(bucket, prefix, null);
    }

    /** A local directory root. */
    public static LakeRoot local(final Path directory) {
        return new LakeRoot(null, "", Objects.requireNonNull(directory, "directory"));
    }

    /** Whether the lake is on S3. */
    public boolean isS3() {
        return bucket != null;
    }

    /** The S3 object key of a lake-relative key (the prefix joined with {@code key}). */
    public String s3Key(final String key) {
        final String k = trimSlashes(key);
        return prefix.isEmpty() ? k : k.isEmpty() ? prefix : prefix + "/" + k;
    }

    /**
     * The URI of a lake-relative key or directory: {@code s3://bucket/prefix/key} or {@code file:///dir/key}.
     * A trailing {@code /} in {@code key} is kept (table and partition locations end with one).
     */
    public String uri(final String key) {
        final String trailing = key.endsWith("/") && !trimSlashes(key).isEmpty() ? "/" : "";
        if (isS3()) {
            return "s3://" + bucket + "/" + s3Key(key) + trailing;
        }
        final String k = trimSlashes(key);
        final Path p = k.isEmpty() ? directory : directory.resolve(k);
        return p.toUri().toString().replaceAll("/$", "") + trailing;
    }

    /** The root itself as a URI, without trailing slash. */
    @Override
    public String toString() {
        return uri("");
    }

    private static String trimSlashes(final String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }
}
