package io.ticklake.sink.store;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach S3 (or an S3-compatible server).
 *
 * @param region             AWS region, null for the default provider chain (env, profile, IMDS)
 * @param endpoint           endpoint override (S3Proxy, MinIO…), null for AWS
 * @param pathStyle          path-style addressing ({@code http://host/bucket/key}), needed by most S3-compatible servers
 * @param multipartThreshold objects larger than this many bytes are uploaded in parts
 * @param partSize           bytes per part (S3 minimum 5 MiB, except the last)
 * @param sse                server-side encryption
 * @param kmsKeyId           KMS key id or ARN for {@link Sse#KMS}; null for the AWS-managed key
 * @param maxAttempts        attempts per request (first try included) before the store gives up
 * @param backoffBase        first retry delay; doubles each retry, with full jitter
 * @param backoffMax         longest retry delay
 * @param apiCallTimeout     limit for one request including its transfer
 */
public record S3Settings(String region, URI endpoint, boolean pathStyle, long multipartThreshold, int partSize,
                         Sse sse, String kmsKeyId, int maxAttempts, Duration backoffBase, Duration backoffMax,
                         Duration apiCallTimeout) {
    /** S3 minimum part size. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    /** Server-side encryption modes. */
    public enum Sse {
        /** No encryption header (the bucket default applies). */
        NONE,
        /** SSE-S3 (AES256). */
        S3,
        /** SSE-KMS. */
        KMS;

        /** Parses {@code none}, {@code s3} / {@code aes256}, {@code kms} / {@code aws:kms}. */
        public static Sse parse(final String v) {
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "", "none" -> NONE;
                case "s3", "aes256", "sse-s3" -> S3;
                case "kms", "aws:kms", "sse-kms" -> KMS;
                default -> throw new IllegalArgumentException("unknown server-side encryption (none, s3, kms): " + v);
            };
        }
    }

    public S3Settings {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size must be >= 5 MiB: " + partSize);
        }
        if (multipartThreshold < partSize) {
            throw new IllegalArgumentException("multipart threshold must be >= part size: " + multipartThreshold);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("S3 max attempts must be >= 1: " + maxAttempts);
        }
        if (sse == null) {
            sse = Sse.NONE;
        }
        if (kmsKeyId != null && sse != Sse.KMS) {
            throw new IllegalArgumentException("a KMS key id needs server-side encryption kms");
        }
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("S3 backoff must satisfy 0 <= base <= max");
        }
    }

    /** Defaults: default region chain, AWS endpoint, 16 MiB threshold, 8 MiB parts, 4 attempts, 100 ms – 5 s backoff. */
    public static S3Settings defaults() {
        return new S3Settings(null, null, false, 16L << 20, 8 << 20, Sse.NONE, null, 4,
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

    /** With an S3-compatible endpoint (path-style). */
    public S3Settings withEndpoint(final URI uri, final String reg) {
        return new S3Settings(reg, uri, true, multipartThreshold, partSize, sse, kmsKeyId, maxAttempts, backoffBase,
                backoffMax, apiCallTimeout);
    }

    /** With another multipart threshold and part size. */
    public S3Settings withMultipart(final long threshold, final int part) {
        return new S3Settings(region, endpoint, pathStyle, threshold, part, sse, kmsKeyId, maxAttempts, backoffBase,
                backoffMax, apiCallTimeout);
    }

    /** With other retry settings. */
    public S3Settings withRetries(final int attempts, final Duration base, final Duration max) {
        return new S3Settings(region, endpoint, pathStyle, multipartThreshold, partSize, sse, kmsKeyId, attempts, base,
                max, apiCallTimeout);
    }

    /** With server-side encryption. */
    public S3Settings withSse(final Sse mode, final String kmsKey) {
        return new S3Settings(region, endpoint, pathStyle, multipartThreshold, partSize, mode, kmsKey, maxAttempts,
                backoffBase, backoffMax, apiCallTimeout);
    }
}
