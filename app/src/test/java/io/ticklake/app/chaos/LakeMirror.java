package io.ticklake.app.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A local copy of {@code s3://bucket/prefix}, brought up to date on each {@link #snapshot()} with the
 * AWS SDK alone: new or changed objects (by ETag) are downloaded, deleted ones removed. Keeps
 * polling the lake cheap while a test waits for it.
 */
final class LakeMirror {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Path dir;
    private final Map<String, String> etags = new HashMap<>();

    LakeMirror(final S3Client s3, final String bucket, final String prefix, final Path dir) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** Object keys relative to the prefix, with their ETags, as listed now. */
    Map<String, String> list() {
        final Map<String, String> now = new HashMap<>();
        for (final S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                .build()).contents()) {
            now.put(o.key().substring(prefix.length()), o.eTag());
        }
        return now;
    }

    /** Syncs the copy and reads it. */
    synchronized LakeSnapshot snapshot() {
        final Map<String, String> now = list();
        for (final String gone : Set.copyOf(etags.keySet())) {
            if (!now.containsKey(gone)) {
                delete(gone);
                etags.remove(gone);
            }
        }
        final List<String> keys = new ArrayList<>();
        now.forEach((key, etag) -> {
            if (etag == null) {
                // listed without an ETag (seen once right after S3Proxy restarted): not readable yet, next poll
                return;
            }
            if (etag.equals(etags.get(key))) {
                keys.add(key);
            } else if (download(key)) {
                etags.put(key, etag);
                keys.add(key);
            }
        });
        keys.sort(null);
        return LakeSnapshot.read(dir, keys);
    }

    /** Keys of {@code table} grouped by nothing: a sorted list (for figures and messages). */
    static List<String> keysOf(final Map<String, String> listing, final String table) {
        return listing.keySet().stream().filter(k -> k.startsWith(table + "/")).sorted().collect(Collectors.toList());
    }

    /** Downloads {@code key}; false if it vanished between the listing and the read. */
    private boolean download(final String key) {
        final Path target = local(key);
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            s3.getObject(GetObjectRequest.builder().bucket(bucket).key(prefix + key).build(),
                    ResponseTransformer.toFile(target));
            return true;
        } catch (NoSuchKeyException e) {
            // a listed key can be gone when read (seen once with S3Proxy's filesystem backend while the
            // sink was writing); leave it to the next poll rather than fail the wait
            return false;
        }
    }

    private void delete(final String key) {
        try {
            Files.deleteIfExists(local(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path local(final String key) {
        final Path target = dir.resolve(key).normalize();
        if (!target.startsWith(dir)) {
            throw new AssertionError("object key escapes the lake root: " + key);
        }
        return target;
    }
}
