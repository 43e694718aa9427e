package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import io.ticklake.app.cli.ExitCodes;
import io.ticklake.service.UsageException;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.LocalLake;
import io.ticklake.query.sql.Rollups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench query}: DuckDB rollup time and partition pruning over an existing local lake. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Over an existing local lake (e.g. from demo --until-done or bench/full.sh): the time DuckDB "
                + "takes to build a rollup, and the files and bytes a one-index, one-day query reads against the "
                + "same query over the whole table (from DuckDB's EXPLAIN ANALYZE)."})
public final class QueryBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOutput output;

    @Option(names = "--lake", paramLabel = "DIR", required = true, description = "the local lake directory")
    Path lake;

    @Option(names = "--rollup", paramLabel = "TABLE", defaultValue = "rollup_ohlc_1d",
            description = "rollup to build and time (default: ${DEFAULT-VALUE})")
    String rollup;

    @Option(names = "--rollup-select-only", description = "time the rollup's SELECT into a DuckDB temporary table "
            + "instead of writing it back to the lake (on a large lake the write of one file per index-day dominates)")
    boolean selectOnly;

    @Option(names = "--table", paramLabel = "TABLE", defaultValue = "ticks",
            description = "table of the pruning query (default: ${DEFAULT-VALUE})")
    String table;

    @Option(names = "--index", paramLabel = "SYMBOL",
            description = "index of the one-partition query (default: the table's first index)")
    String index;

    @Option(names = "--date", paramLabel = "DATE",
            description = "date of the one-partition query, yyyy-MM-dd (default: that index's last date)")
    String date;

    @Override
    public Integer call() throws IOException {
        validate();
        final Path tableDir = lake.resolve(table);
        final String idx = index != null ? index : first(tableDir, "index=", false)
                .map(PartitionPath::unescape).orElseThrow(() -> new UsageException("--lake: no partitions in "
                        + tableDir));
        final String day = date != null ? date : first(tableDir.resolve("index=" + PartitionPath.escape(idx)),
                "date=", true).orElseThrow(() -> new UsageException("--index: no partitions of " + idx + " in "
                + tableDir));
        final QueryBench.Result r;
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            r = QueryBench.run(engine, rollup, !selectOnly, table, idx, day);
        }
        output.emit(report(r, table, idx, day, !selectOnly), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private void validate() {
        if (!Files.isDirectory(lake.resolve(table))) {
            throw new UsageException("--lake: no table directory " + lake.resolve(table));
        }
        try {
            Rollups.named(rollup);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--rollup: " + e.getMessage());
        }
        if (date != null) {
            try {
                LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new UsageException("--date: not a yyyy-MM-dd date: " + date);
            }
        }
    }

    /** The value of the first (or last) {@code key=value} directory in {@code dir}, sorted by name. */
    static Optional<String> first(final Path dir, final String key, final boolean last) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            final Stream<String> values = dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(key))
                    .map(n -> n.substring(key.length()));
            return last ? values.max(String::compareTo) : values.min(String::compareTo);
        }
    }

    static BenchReport report(final QueryBench.Result r, final String table, final String index, final String date,
                              final boolean rollupWritten) {
        return BenchReport.builder("query")
                .metric("rollup_rows", r.rollup().rows(), "rows")
                .metric("rollup_s", r.rollup().elapsed().toMillis() / 1000.0, "s")
                .metric("table_files", r.tableFiles(), "files")
                .metric("table_bytes", r.tableBytes(), "B")
                .metric("whole_query_s", r.whole().elapsed().toMillis() / 1000.0, "s")
                .metric("whole_files_read", r.whole().scan().filesRead(), "files")
                .metric("whole_bytes_read", r.whole().scan().bytesRead(), "B")
                .metric("partition_query_s", r.partition().elapsed().toMillis() / 1000.0, "s")
                .metric("partition_files_matched", r.partition().scan().filesMatched(), "files")
                .metric("partition_files_read", r.partition().scan().filesRead(), "files")
                .metric("partition_bytes_read", r.partition().scan().bytesRead(), "B")
                .metric("partition_dir_files", r.partitionFiles(), "files")
                .metric("partition_dir_bytes", r.partitionBytes(), "B")
                .metric("files_read_ratio", (double) r.partition().scan().filesRead()
                        / Math.max(1, r.whole().scan().filesRead()), "x")
                .metric("bytes_read_ratio", r.partition().scan().bytesRead() / r.whole().scan().bytesRead(), "x")
                .note(r.rollup().table() + (rollupWritten ? " built by DuckDB from its SQL, written back to the lake "
                        + "(replacing it)" : ": its SELECT only, into a DuckDB temporary table (not written)"))
                .note("query: " + r.partition().sql())
                .note("files read / matched and bytes read: DuckDB EXPLAIN ANALYZE (Total Files Read, Scanning Files, "
                        + "Data Read as printed, rounded); dir files/bytes: the partition directory "
                        + table + "/index=" + PartitionPath.escape(index) + "/date=" + date + " on disk; times: a "
                        + "plain run of each query (the view's glob lists every file of the table each time)")
                .build();
    }
}
