package io.ticklake.sink.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * An {@link ObjectStore} on S3 or an S3-compatible server (AWS SDK v2). A put is one PutObject, or
 * above the multipart threshold CreateMultipartUpload / UploadPart… / CompleteMultipartUpload, aborted
 * on failure — both atomic on S3. Each request is retried by the SDK's standard retry strategy
 * (throttling, 5xx, 408 and network errors; {@link S3Settings#maxAttempts()} attempts, exponential
 * backoff with full jitter between {@link S3Settings#backoffBase()} and {@link S3Settings#backoffMax()};
 * no circuit breaker, because the sink retries whole batches above it and must not be refused retries
 * after an outage). Credentials: the default chain unless given.
 */
public final class S3ObjectStore implements ObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

    private final LakeRoot root;
    private final S3Settings settings;
    private final S3Client s3;
    private final LongAdder retries = new LongAdder();

    /** A store on {@code root} (an S3 root) with the default credential chain. */
    public S3ObjectStore(final LakeRoot root, final S3Settings settings) {
        this(root, settings, DefaultCredentialsProvider.builder().build());
    }

    /** A store on {@code root} with explicit credentials. */
    public S3ObjectStore(final LakeRoot root, final S3Settings settings, final AwsCredentialsProvider credentials) {
        if (!root.isS3()) {
            throw new IllegalArgumentException("not an S3 lake root: " + root);
        }
        this.root = root;
        this.settings = settings;
        final S3ClientBuilder b = S3Client.builder()
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // S3-compatible servers often reject the SDK's default trailing checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(retryStrategy(settings))
                        .addExecutionInterceptor(new RetryCounter(retries))
                        .apiCallTimeout(settings.apiCallTimeout()));
        if (settings.region() != null) {
            b.region(Region.of(settings.region()));
        } else if (settings.endpoint() != null) {
            b.region(Region.US_EAST_1);
        }
        if (settings.endpoint() != null) {
            b.endpointOverride(settings.endpoint());
        }
        this.s3 = b.build();
    }

    @Override
    public LakeRoot root() {
        return root;
    }

    @Override
    public long retries() {
        return retries.sum();
    }

    @Override
    public void put(final String key, final byte[] content) throws IOException {
        final String k = root.s3Key(key);
        if (content.length > settings.multipartThreshold()) {
            putMultipart(k, content);
        } else {
            final PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(root.bucket()).key(k)
                    .contentType("application/vnd.apache.parquet");
            encryption(req);
            call("put " + k, () -> s3.putObject(req.build(), RequestBody.fromBytes(content)));
        }
    }

    private void encryption(final PutObjectRequest.Builder req) {
        switch (settings.sse()) {
            case S3 -> req.serverSideEncryption(ServerSideEncryption.AES256);
            case KMS -> req.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
            default -> { }
        }
    }

    private void putMultipart(final String k, final byte[] content) throws IOException {
        final CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
                .bucket(root.bucket()).key(k).contentType("application/vnd.apache.parquet");
        switch (settings.sse()) {
            case S3 -> create.serverSideEncryption(ServerSideEncryption.AES256);
            case KMS -> create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
            default -> { }
        }
        final String uploadId = call("create multipart " + k, () -> s3.createMultipartUpload(create.build())).uploadId();
        try {
            final List<CompletedPart> parts = new ArrayList<>();
            final int size = settings.partSize();
            for (int off = 0, n = 1; off < content.length; off += size, n++) {
                final int partNo = n;
                final int from = off;
                final int len = Math.min(size, content.length - off);
                final String etag = call("upload part " + partNo + " of " + k, () -> s3.uploadPart(
                        p -> p.bucket(root.bucket()).key(k).uploadId(uploadId).partNumber(partNo).contentLength((long) len),
                        RequestBody.fromRemainingByteBuffer(java.nio.ByteBuffer.wrap(content, from, len)))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNo).eTag(etag).build());
            }
            call("complete multipart " + k, () -> s3.completeMultipartUpload(c -> c.bucket(root.bucket()).key(k)
                    .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
        } catch (IOException | RuntimeException e) {
            abort(k, uploadId);
            throw e;
        }
    }

    private void abort(final String k, final String uploadId) {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(root.bucket()).key(k)
                    .uploadId(uploadId).build());
        } catch (SdkException e) {
            // the bucket's lifecycle rule for incomplete uploads cleans up what this could not
            LOG.warn("could not abort multipart upload of {}: {}", k, e.getMessage());
        }
    }

    @Override
    public Optional<byte[]> get(final String key) throws IOException {
        final String k = root.s3Key(key);
        try {
            final ResponseBytes<GetObjectResponse> bytes = call("get " + k,
                    () -> s3.getObjectAsBytes(g -> g.bucket(root.bucket()).key(k)));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(final String prefix) throws IOException {
        final String full = root.prefix().isEmpty() ? prefix : root.prefix() + "/" + prefix;
        final int strip = root.prefix().isEmpty() ? 0 : root.prefix().length() + 1;
        final List<String> keys = new ArrayList<>();
        String token = null;
        do {
            final String t = token;
            final var page = call("list " + full, () -> s3.listObjectsV2(l -> l.bucket(root.bucket()).prefix(full)
                    .continuationToken(t)));
            for (S3Object o : page.contents()) {
                keys.add(o.key().substring(strip));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(final String key) throws IOException {
        final String k = root.s3Key(key);
        call("delete " + k, () -> s3.deleteObject(d -> d.bucket(root.bucket()).key(k)));
    }

    @Override
    public void close() {
        s3.close();
    }

    /** The client (for tests and tools that need more than the store's operations). */
    public S3Client client() {
        return s3;
    }

    /** The SDK's standard strategy with this store's attempts and backoff. */
    static RetryStrategy retryStrategy(final S3Settings settings) {
        final BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.backoffBase(), settings.backoffMax());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .circuitBreakerEnabled(false)
                .retryOnException(e -> e instanceof S3Exception s && s.statusCode() == 408)
                .build();
    }

    private static <T> T call(final String what, final SdkCall<T> op) throws IOException {
        try {
            return op.run();
        } catch (NoSuchKeyException e) {
            throw e;
        } catch (SdkException e) {
            final Integer attempts = e.numAttempts();
            throw new IOException("S3 " + what + " failed after " + (attempts == null ? 1 : attempts)
                    + " attempt(s): " + e.getMessage(), e);
        }
    }

    /** Counts the SDK's retries: every transmission of a request after its first. */
    private static final class RetryCounter implements ExecutionInterceptor {
        private static final ExecutionAttribute<Boolean> SENT = new ExecutionAttribute<>("ticklake.s3.sent");
        private final LongAdder retries;

        RetryCounter(final LongAdder retries) {
            this.retries = retries;
        }

        @Override
        public void beforeTransmission(final Context.BeforeTransmission context, final ExecutionAttributes attributes) {
            if (attributes.getAttribute(SENT) != null) {
                retries.increment();
            }
            attributes.putAttribute(SENT, Boolean.TRUE);
        }
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }
}
