package io.ticklake.sink.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Opens the store of a lake root. */
public final class ObjectStores {
    private ObjectStores() {
    }

    /** A {@link LocalObjectStore} or an {@link S3ObjectStore} (default credential chain) for {@code root}. */
    public static ObjectStore open(final LakeRoot root, final S3Settings s3) {
        return open(root, s3, null);
    }

    /** As {@link #open(LakeRoot, S3Settings)}, with explicit S3 credentials when not null. */
    public static ObjectStore open(final LakeRoot root, final S3Settings s3, final AwsCredentialsProvider credentials) {
        if (root.isS3()) {
            return credentials == null ? new S3ObjectStore(root, s3) : new S3ObjectStore(root, s3, credentials);
        }
        try {
            return new LocalObjectStore(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create lake directory " + root.directory(), e);
        }
    }
}
