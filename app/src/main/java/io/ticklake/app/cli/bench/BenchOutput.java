package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import io.ticklake.bench.BenchReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out FILE}: where a bench writes its JSON report besides printing its table. */
public final class BenchOutput {
    @Option(names = "--out", paramLabel = "FILE", description = "also write the report as JSON to FILE")
    Path out;

    /** Prints the table to {@code stdout} and writes the JSON when {@code --out} was given. */
    public void emit(final BenchReport report, final PrintWriter stdout) {
        report.print(stdout);
        if (out != null) {
            try {
                report.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }
    }

    /** The JSON file, or null. */
    public Path file() {
        return out;
    }
}
