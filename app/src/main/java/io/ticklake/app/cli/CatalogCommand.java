package io.ticklake.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ticklake.query.catalog.GlueLakeSync;
import io.ticklake.query.catalog.LocalCatalog;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.store.LakeRoot;
import io.ticklake.sink.store.S3ObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.glue.GlueClient;

/** {@code catalog}: the lake's catalog (Glue for a lake on S3; a report for a local lake). */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "The lake's catalog.", subcommands = CatalogCommand.Sync.class)
public final class CatalogCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (sync)");
    }

    /** {@code catalog sync}. */
    @Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"--lake s3://bucket/prefix: creates or updates the Glue database and tables (typed "
                    + "columns, partition keys index and date) and registers every partition in the lake; "
                    + "idempotent.", "--lake DIR: lists the local tables DuckDB will see (nothing to register)."})
    public static final class Sync implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--lake", required = true, paramLabel = "DIR|S3URI",
                description = "the lake: a local directory or s3://bucket/prefix")
        String lake;

        @Option(names = "--tables", paramLabel = "TOPIC=TABLE,…",
                description = "topic-to-table mapping of the sink (default: the sink's defaults)")
        String tables;

        @Option(names = "--partitioning", paramLabel = "TABLE=LAYOUT,…",
                description = "partition layouts that differ from the defaults, as the sink's sink.partitioning "
                        + "(layout index/date, index/year or index)")
        String partitioning;

        @Mixin
        AwsOptions aws;

        @Override
        public Integer call() {
            final LakeRoot root = LakeOption.parse(spec, lake);
            final LakeTables mapping = mapping(); // checked for a local lake too: a wrong flag is never ignored
            final PrintWriter out = spec.commandLine().getOut();
            if (root.isS3()) {
                try (GlueClient glue = aws.glue(); S3ObjectStore store = new S3ObjectStore(root, aws.s3())) {
                    final GlueLakeSync.Report report = new GlueLakeSync(aws.catalog(glue), store, mapping).sync();
                    report.tables().forEach((t, change) -> out.println(String.format(Locale.ROOT, "%-22s %s", t,
                            change.name().toLowerCase(Locale.ROOT))));
                    out.println(String.format(Locale.ROOT, "partitions: %d created, %d already registered, %d failed",
                            report.partitions().created(), report.partitions().existed(),
                            report.partitions().failures().size()));
                    report.partitions().failures().forEach(f -> out.println("  failed: " + f));
                    out.flush();
                    return report.partitions().failures().isEmpty() ? 0 : 1;
                }
            }
            for (final LocalCatalog.LocalTable t : LocalCatalog.scan(root.directory())) {
                out.println(String.format(Locale.ROOT, "%-22s %6d partitions %7d files %12d bytes", t.name(),
                        t.partitions(), t.files(), t.bytes()));
            }
            out.flush();
            return 0;
        }

        private LakeTables mapping() {
            final LakeTables mapped;
            try {
                mapped = tables == null ? LakeTables.defaults() : LakeTables.parse(tables);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--tables: " + e.getMessage());
            }
            try {
                return partitioning == null ? mapped : mapped.withPartitioning(partitioning);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--partitioning: " + e.getMessage());
            }
        }
    }
}
