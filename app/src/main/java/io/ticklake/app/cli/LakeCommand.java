package io.ticklake.app.cli;

import io.ticklake.query.catalog.LakeStats;
import io.ticklake.query.sql.ResultFormatter;
import io.ticklake.service.UsageException;
import io.ticklake.sink.store.LakeRoot;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lake}: the lake's own shape. */
@Command(name = "lake", mixinStandardHelpOptions = true, description = "The lake's files and partitions.",
        subcommands = LakeCommand.Stats.class)
public final class LakeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (stats)");
    }

    /** {@code lake stats}. */
    @Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Per table of a local lake: rows (from the Parquet footers), files, bytes, partitions, "
                    + "median and smallest file size, files per partition (mean and max): the small-file problem "
                    + "before Athena sees it."})
    public static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--lake", required = true, paramLabel = "DIR", description = "the local lake directory")
        String lake;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
                description = "table, csv or json (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        public Integer call() {
            final ResultFormatter.Format fmt;
            try {
                fmt = ResultFormatter.Format.parse(format);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
            }
            final LakeRoot root = LakeOption.parse(spec, lake);
            if (root.isS3()) {
                throw new UsageException("lake stats reads a local lake (a directory); for a lake on S3 the same "
                        + "figures come from Athena's \"$path\" and \"$file_size\" columns (README)");
            }
            final List<LakeStats.TableStats> stats = LakeStats.scan(root.directory());
            if (stats.isEmpty()) {
                throw new UsageException("--lake " + root.directory() + " holds no ticklake table");
            }
            final PrintWriter out = spec.commandLine().getOut();
            out.print(ResultFormatter.format(LakeStats.asResult(stats), fmt));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
