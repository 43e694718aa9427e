package io.ticklake.app.cli;

import java.net.URI;
import java.time.Clock;

import io.ticklake.query.catalog.GlueCatalog;
import io.ticklake.query.catalog.GlueOptions;
import io.ticklake.query.sql.AthenaRunner;
import io.ticklake.query.sql.AthenaSettings;
import io.ticklake.sink.store.S3Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.AthenaClientBuilder;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/**
 * AWS settings shared by {@code query}, {@code rollup} and {@code catalog}: Glue database, Athena
 * workgroup and result location, region, and an endpoint override for AWS-compatible emulators.
 * Credentials come from the default chain (env {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
 * profile, instance role).
 */
public final class AwsOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--glue-database", paramLabel = "NAME", defaultValue = "ticklake",
            description = "Glue database of the lake tables (default: ${DEFAULT-VALUE})")
    String database;

    @Option(names = "--athena-workgroup", paramLabel = "NAME", defaultValue = "primary",
            description = "Athena workgroup (default: ${DEFAULT-VALUE})")
    String workgroup;

    @Option(names = "--athena-output", paramLabel = "S3URI",
            description = "s3://bucket/prefix/ for Athena results (default: the workgroup's)")
    String output;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: the SDK's chain, e.g. AWS_REGION)")
    String region;

    @Option(names = "--aws-endpoint", paramLabel = "URL", hidden = true,
            description = "endpoint override for Glue, Athena and S3 (emulators)")
    URI endpoint;

    /** A Glue client (caller closes). */
    public GlueClient glue() {
        final GlueClientBuilder b = GlueClient.builder();
        if (region != null) {
            b.region(Region.of(region));
        }
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }

    /** An Athena client (caller closes). */
    public AthenaClient athena() {
        final AthenaClientBuilder b = AthenaClient.builder();
        if (region != null) {
            b.region(Region.of(region));
        }
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }

    /** The catalog in the configured database. */
    public GlueCatalog catalog(final GlueClient glue) {
        try {
            return new GlueCatalog(glue, database, GlueOptions.DEFAULTS);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--glue-database: " + e.getMessage());
        }
    }

    /** A runner with the configured workgroup, output location and database. */
    public AthenaRunner runner(final AthenaClient athena) {
        try {
            return new AthenaRunner(athena, AthenaSettings.of(workgroup, output, database), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** S3 settings for a lake on S3 (or an S3-compatible endpoint). */
    public S3Settings s3() {
        return endpoint == null ? S3Settings.defaults() : S3Settings.defaults().withEndpoint(endpoint, region);
    }
}
