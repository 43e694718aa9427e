package io.ticklake.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ticklake.query.sql.AthenaRollups;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.DuckDbRollups;
import io.ticklake.query.sql.Rollup;
import io.ticklake.query.sql.RollupRun;
import io.ticklake.query.sql.Rollups;
import io.ticklake.sink.store.LakeRoot;
import io.ticklake.sink.store.S3ObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.athena.AthenaClient;

/** {@code rollup}: (re)builds the rollup tables of the lake. */
@Command(name = "rollup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"(Re)builds the rollup tables (rollup_ohlc_1h, rollup_ohlc_1d, rollup_daily_returns, "
                + "rollup_volatility) as index= partitioned Parquet in the lake. Rerunnable: each run "
                + "replaces the previous build.",
                "--lake DIR: with embedded DuckDB. --lake s3://bucket/prefix: with Athena (CTAS + INSERT INTO)."})
public final class RollupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--lake", required = true, paramLabel = "DIR|S3URI",
            description = "the lake: a local directory or s3://bucket/prefix")
    String lake;

    @Option(names = "--rollups", paramLabel = "A,B", split = ",",
            description = "only these rollups, in build order (default: all)")
    List<String> only;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        try {
            return execute();
        } catch (io.ticklake.query.sql.SqlException e) {
            throw new IllegalStateException(e.getMessage(), e); // the engine's message, without a class name
        }
    }

    private int execute() {
        final LakeRoot root = LakeOption.parse(spec, lake);
        final List<Rollup> rollups = selected();
        final List<RollupRun> runs;
        if (root.isS3()) {
            try (AthenaClient athena = aws.athena(); S3ObjectStore store = new S3ObjectStore(root, aws.s3())) {
                final AthenaRollups builder = new AthenaRollups(aws.runner(athena), store);
                runs = new ArrayList<>();
                for (final Rollup r : rollups) {
                    runs.add(builder.build(r));
                }
            }
        } else {
            try (DuckDbEngine engine = LakeOption.openLocal(root)) {
                runs = new DuckDbRollups(engine).build(rollups);
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        for (final RollupRun run : runs) {
            out.println(String.format(Locale.ROOT, "%-22s %s  %6d ms", run.table(),
                    run.rows() < 0 ? "built" : String.format(Locale.ROOT, "%9d rows", run.rows()),
                    run.elapsed().toMillis()));
        }
        out.flush();
        return 0;
    }

    private List<Rollup> selected() {
        if (only == null || only.isEmpty()) {
            return Rollups.all();
        }
        final List<Rollup> rollups = new ArrayList<>();
        for (final Rollup r : Rollups.all()) { // keep build order whatever the order given
            if (only.contains(r.table())) {
                rollups.add(r);
            }
        }
        for (final String name : only) {
            if (rollups.stream().noneMatch(r -> r.table().equals(name))) {
                throw new ParameterException(spec.commandLine(), "--rollups: unknown rollup '" + name + "' (known: "
                        + Rollups.all().stream().map(Rollup::table).toList() + ")");
            }
        }
        return rollups;
    }
}
