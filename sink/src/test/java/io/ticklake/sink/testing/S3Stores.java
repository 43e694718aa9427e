package io.ticklake.sink.testing;

import io.ticklake.sink.store.LakeRoot;
import io.ticklake.sink.store.S3ObjectStore;
import io.ticklake.sink.store.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** Test helpers that connect an {@link S3ObjectStore} to an {@link S3ProxyServer}. */
public final class S3Stores {
    private S3Stores() {
    }

    /** Settings pointing at {@code server} (path-style, its region). */
    public static S3Settings settings(final S3ProxyServer server, final S3Settings base) {
        return base.withEndpoint(server.endpoint(), S3ProxyServer.REGION);
    }

    /** A store on {@code s3://bucket/prefix} at {@code server}; creates the bucket if needed. */
    public static S3ObjectStore open(final S3ProxyServer server, final String bucket, final String prefix,
                                     final S3Settings base) {
        final S3ObjectStore store = new S3ObjectStore(LakeRoot.s3(bucket, prefix), settings(server, base),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY,
                        S3ProxyServer.SECRET_KEY)));
        try {
            store.client().createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // fine: tests share a server
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
        return store;
    }
}
