package io.ticklake.app.cli.bench;

import io.ticklake.app.cli.ExitCodes;
import io.ticklake.bench.trino.ReadmeQueries;
import io.ticklake.data.FileTrees;
import io.ticklake.bench.trino.TrinoCheck;
import io.ticklake.bench.trino.TrinoClient;
import io.ticklake.bench.trino.TrinoReport;
import io.ticklake.bench.trino.TrinoServer;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.LocalLake;
import io.ticklake.service.UsageException;
import io.ticklake.sink.lake.LakeTables;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench trino}: the lake read by Trino (Athena engine v3) against DuckDB, row by row. Starts a
 * single-node Trino on 127.0.0.1 from an unpacked trino-server (it needs Java 24+: {@code --java-home}),
 * creates the tables from the Glue definitions, compares the tables, the rollup SELECTs and the README's
 * Athena queries, and always stops Trino. Exit 1 on any difference. Driven by bench/trino.sh.
 */
@Command(name = "trino", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Over an existing local lake: starts a single-node Trino (Hive connector, file metastore, "
                + "local file system) on 127.0.0.1, creates the lake tables from their Glue definitions, and compares "
                + "Trino's rows with DuckDB's for every table, each rollup SELECT and the README's Athena queries "
                + "(doubles within --tolerance relative). Exit 1 on any difference. See bench/trino.sh."})
public final class TrinoBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--lake", paramLabel = "DIR", required = true, description = "the local lake directory")
    Path lake;

    @Option(names = "--trino-home", paramLabel = "DIR", required = true,
            description = "an unpacked io.trino:trino-server tar.gz (with bin/launcher)")
    Path trinoHome;

    @Option(names = "--java-home", paramLabel = "DIR", defaultValue = "/usr/lib/jvm/temurin-25-jdk-amd64",
            description = "the JDK Trino runs on, Java 24 or later (default: ${DEFAULT-VALUE})")
    Path javaHome;

    @Option(names = "--work", paramLabel = "DIR", required = true,
            description = "Trino's etc/, data, metastore (with the rollups Trino builds) and log (emptied first)")
    Path work;

    @Option(names = "--readme", paramLabel = "FILE", defaultValue = "README.md",
            description = "the README whose Athena queries are run (default: ${DEFAULT-VALUE})")
    Path readme;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "2G", description = "Trino's -Xmx (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "2e-15",
            description = "relative tolerance of doubles (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--format-label", paramLabel = "NAME", description = "the lake's sink.parquet.format, for the report")
    String formatLabel;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the report as JSON to FILE")
    Path out;

    @Override
    public Integer call() throws IOException {
        validate();
        final List<String> queries = ReadmeQueries.athena(Files.readString(readme));
        clearWork();
        final Instant at = Instant.now();
        final long t0 = System.nanoTime();
        final TrinoReport report;
        try (TrinoServer server = TrinoServer.start(trinoHome, javaHome, work, heap, Duration.ofMinutes(5));
             DuckDbEngine duck = LocalLake.open(lake)) {
            final Duration startup = Duration.ofNanos(System.nanoTime() - t0);
            final TrinoClient trino = new TrinoClient(server.uri(), "hive", TrinoCheck.DATABASE);
            final List<TrinoCheck.Check> checks = new TrinoCheck(trino, duck, lake, tolerance)
                    .run(LakeTables.defaults(), queries);
            report = new TrinoReport(lake.toAbsolutePath().toString(), formatLabel, trino.version(), tolerance, checks,
                    startup, Duration.ofNanos(System.nanoTime() - t0), at);
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(report.table());
        stdout.flush();
        if (out != null) {
            report.write(out);
        }
        return report.passed() ? ExitCodes.OK : ExitCodes.RUNTIME;
    }

    /** Empties --work, refusing a non-empty directory that is not a previous run's (no etc/node.properties). */
    private void clearWork() throws IOException {
        if (Files.isDirectory(work)) {
            try (Stream<Path> entries = Files.list(work)) {
                if (entries.findAny().isPresent() && !Files.isRegularFile(work.resolve("etc/node.properties"))) {
                    throw new UsageException("--work: " + work + " is not empty and not a previous bench trino run's");
                }
            }
            FileTrees.delete(work);
        }
        Files.createDirectories(work);
    }

    private void validate() {
        if (!Files.isDirectory(lake)) {
            throw new UsageException("--lake: not a directory: " + lake);
        }
        if (!Files.isExecutable(trinoHome.resolve("bin/launcher"))) {
            throw new UsageException("--trino-home: no bin/launcher in " + trinoHome + " (unpack io.trino:trino-server:476:tar.gz)");
        }
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            throw new UsageException("--java-home: no bin/java in " + javaHome + " (Trino needs Java 24 or later)");
        }
        if (!Files.isRegularFile(readme)) {
            throw new UsageException("--readme: no file " + readme);
        }
        if (!(tolerance >= 0)) {
            throw new UsageException("--tolerance: must be >= 0");
        }
    }
}
