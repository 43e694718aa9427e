package io.ticklake.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.ticklake.query.sql.AthenaRunner;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.QueryResult;
import io.ticklake.query.sql.ResultFormatter;
import io.ticklake.sink.store.LakeRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.athena.AthenaClient;

/** {@code query "SQL"}: SQL on the lake, with DuckDB over a local lake or with Athena. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one SQL statement on the lake and prints the rows.",
                "With --lake DIR: embedded DuckDB over the local lake (tables ticks, ohlc_1m, ohlc_1d, rollup_*).",
                "Otherwise: Amazon Athena on the Glue database. Quote \"date\" (a reserved word)."})
public final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SQL", description = "the statement, e.g. \"SELECT * FROM rollup_ohlc_1d\"")
    String sql;

    @Option(names = "--lake", paramLabel = "DIR", description = "a local lake directory (DuckDB)")
    String lake;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default: ${DEFAULT-VALUE})")
    String format;

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
        final ResultFormatter.Format fmt = parseFormat();
        if (sql == null || sql.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "SQL is empty");
        }
        final QueryResult result;
        final String stats;
        if (lake != null) {
            final LakeRoot root = LakeOption.parse(spec, lake);
            if (root.isS3()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--lake: DuckDB reads local lakes only; for s3:// lakes leave out --lake to use Athena");
            }
            try (DuckDbEngine engine = LakeOption.openLocal(root)) {
                result = engine.query(sql);
            }
            stats = String.format(java.util.Locale.ROOT, "%d rows in %d ms (DuckDB)", result.rows().size(),
                    result.engineTime().toMillis());
        } else {
            try (AthenaClient athena = aws.athena()) {
                final AthenaRunner runner = aws.runner(athena);
                result = runner.query(sql);
            }
            stats = String.format(java.util.Locale.ROOT, "%d rows, %d bytes scanned, engine %d ms (Athena)",
                    result.rows().size(), result.bytesScanned(), result.engineTime().toMillis());
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(ResultFormatter.format(result, fmt));
        out.flush();
        final PrintWriter err = spec.commandLine().getErr();
        err.println(stats);
        err.flush();
        return 0;
    }

    private ResultFormatter.Format parseFormat() {
        try {
            return ResultFormatter.Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format: " + e.getMessage());
        }
    }
}
