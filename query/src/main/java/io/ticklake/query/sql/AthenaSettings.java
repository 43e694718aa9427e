package io.ticklake.query.sql;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

import io.ticklake.query.catalog.LakeIdentifiers;

/**
 * Where Athena runs statements.
 *
 * @param workgroup      Athena workgroup, e.g. {@code primary}
 * @param outputLocation {@code s3://bucket/prefix/} for query results ({@code null}: the workgroup's)
 * @param database       Glue database the statements run in
 * @param catalog        data catalog, normally {@code AwsDataCatalog}
 * @param pollMin        first poll interval; doubles up to {@code pollMax}
 * @param pollMax        longest poll interval
 * @param timeout        give up (and cancel the query) after this long
 */
public record AthenaSettings(String workgroup, String outputLocation, String database, String catalog,
                             Duration pollMin, Duration pollMax, Duration timeout) {
    private static final Pattern WORKGROUP = Pattern.compile("[a-zA-Z0-9._-]{1,128}");

    public AthenaSettings {
        if (workgroup == null || !WORKGROUP.matcher(workgroup).matches()) {
            throw new IllegalArgumentException("invalid Athena workgroup: " + workgroup);
        }
        if (outputLocation != null && !outputLocation.startsWith("s3://")) {
            throw new IllegalArgumentException("Athena output location must be s3://bucket/prefix: " + outputLocation);
        }
        LakeIdentifiers.requireDatabase(database);
        Objects.requireNonNull(catalog, "catalog");
        if (pollMin.isNegative() || pollMin.isZero() || pollMax.compareTo(pollMin) < 0 || timeout.isNegative()) {
            throw new IllegalArgumentException("poll intervals must satisfy 0 < pollMin <= pollMax; timeout >= 0");
        }
    }

    /** Settings with the default catalog, polling from 100 ms up to 2 s, and a 30 minute timeout. */
    public static AthenaSettings of(final String workgroup, final String outputLocation, final String database) {
        return new AthenaSettings(workgroup, outputLocation, database, "AwsDataCatalog",
                Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(30));
    }

    /** The same settings with other poll intervals. */
    public AthenaSettings withPolling(final Duration min, final Duration max) {
        return new AthenaSettings(workgroup, outputLocation, database, catalog, min, max, timeout);
    }
}
