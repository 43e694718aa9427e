package io.ticklake.app.cli;

import io.ticklake.service.UsageException;
import io.ticklake.data.IndexSymbol;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.csv.CsvBarWriter;
import io.ticklake.data.synth.MarketGenerator;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: a synthetic dataset in the Kaggle CSV format. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes a synthetic market (random-walk prices at realistic levels, weekdays only, "
                + "consistent OHLC) in the Kaggle CSV format that replay --csv reads.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "-",
            description = "output file, - for stdout (default: ${DEFAULT-VALUE})")
    String out;

    @Option(names = "--indices", paramLabel = "A,B", split = ",", defaultValue = "NYA,IXIC,N225,HSI,GDAXI",
            description = "index symbols of the reference data (default: ${DEFAULT-VALUE})")
    List<String> indices;

    @Option(names = "--from", paramLabel = "DATE", defaultValue = "2021-01-04",
            converter = Converters.DateConverter.class, description = "first date (default: ${DEFAULT-VALUE})")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", defaultValue = "2021-05-28",
            converter = Converters.DateConverter.class, description = "last date, inclusive (default: ${DEFAULT-VALUE})")
    LocalDate to;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        validate();
        final MarketGenerator generator = new MarketGenerator(ReferenceData.builtIn(), seed);
        final boolean toStdout = "-".equals(out);
        final CsvBarWriter writer = toStdout
                ? new CsvBarWriter(new OutputStreamWriter(unclosable(System.out), StandardCharsets.UTF_8))
                : CsvBarWriter.create(Path.of(out));
        try (writer) {
            generator.generate(indices, from, to).forEach(writer::write);
        }
        final PrintWriter err = spec.commandLine().getErr();
        err.printf("generated %d rows (%d indices, %s .. %s) into %s%n", writer.rows(), indices.size(), from, to,
                toStdout ? "stdout" : out);
        err.flush();
        return ExitCodes.OK;
    }

    private void validate() {
        for (final String index : indices) {
            if (!IndexSymbol.isValid(index)) {
                throw new UsageException("--indices: invalid index symbol '" + index + "'");
            }
        }
        if (new LinkedHashSet<>(indices).size() != indices.size()) {
            throw new UsageException("--indices: duplicate index in " + indices);
        }
        if (from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to);
        }
        SourceSelection.checkGenerator(ReferenceData.builtIn(), indices, from, to);
    }

    /** stdout is not ours to close: closing the writer only flushes it. */
    private static OutputStream unclosable(final OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(final byte[] b, final int off, final int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
