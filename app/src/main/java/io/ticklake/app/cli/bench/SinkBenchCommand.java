package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import io.ticklake.app.cli.ExitCodes;
import io.ticklake.app.cli.SourceOptions;
import io.ticklake.service.UsageException;
import io.ticklake.sink.lake.ParquetEncoder;
import io.ticklake.sink.lake.ParquetFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench sink}: Parquet encoding vs one JSON object per message, same ticks, same run. */
@Command(name = "sink", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Parquet rows/s per core, bytes per tick and objects per 1M ticks against one JSON object "
                + "per message, over the same enriched ticks.")
public final class SinkBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    BenchOutput output;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "Kafka partitions the ticks are spread over (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--roll-records", paramLabel = "N", defaultValue = "100000",
            description = "records per batch of a partition, as sink.roll.max.records (default: ${DEFAULT-VALUE})")
    int rollRecords;

    @Option(names = "--codec", paramLabel = "NAME", defaultValue = "zstd",
            description = "Parquet compression (default: ${DEFAULT-VALUE})")
    String codec;

    @Option(names = "--formats", paramLabel = "F,F", split = ",", defaultValue = "v1,v2-bss",
            description = "Parquet formats (sink.parquet.format) measured side by side, each round in turn; the "
                    + "first is the reference of the ratios (default: ${DEFAULT-VALUE})")
    List<String> formats = new ArrayList<>();

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2",
            description = "runs over the same ticks; the last is reported (the first warms the JIT) "
                    + "(default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() throws Exception {
        source.validate();
        if (partitions < 1 || rollRecords < 1 || rounds < 1) {
            throw new UsageException("--partitions, --roll-records and --rounds must be >= 1");
        }
        final List<ParquetEncoder> encoders = encoders(codec, formats);
        final Map<ParquetFormat, LakeEncodingBench.Result> last = new LinkedHashMap<>();
        // formats take turns within each round, so drifting load on a shared machine hits them alike
        for (int i = 0; i < rounds; i++) {
            for (final ParquetEncoder encoder : encoders) {
                last.put(encoder.format(), LakeEncodingBench.run(BenchTicks.of(source.selection()), source.referenceData(),
                        encoder, partitions, rollRecords));
            }
        }
        output.emit(report(last, codec), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** One encoder per format, in order; bad names are usage errors. */
    static List<ParquetEncoder> encoders(final String codec, final List<String> formats) {
        final CompressionCodecName c;
        try {
            c = ParquetEncoder.codec(codec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--codec: " + e.getMessage(), e);
        }
        if (formats.isEmpty()) {
            throw new UsageException("--formats: at least one format");
        }
        final List<ParquetEncoder> out = new ArrayList<>();
        for (final String f : formats) {
            try {
                out.add(new ParquetEncoder(c, ParquetFormat.parse(f)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--formats: " + e.getMessage(), e);
            }
        }
        if (out.stream().map(ParquetEncoder::format).distinct().count() != out.size()) {
            throw new UsageException("--formats: a format is listed twice: " + formats);
        }
        return out;
    }

    /** Parquet encode target, rows per CPU-second of the encoding thread (the performance issue's). */
    static final double ENCODE_TARGET = 800_000;

    /** The first format's figures under the plain names, then each format's against the first. */
    static BenchReport report(final Map<ParquetFormat, LakeEncodingBench.Result> results, final String codec) {
        final Map.Entry<ParquetFormat, LakeEncodingBench.Result> first = results.entrySet().iterator().next();
        final BenchReport.Builder b = builder(first.getValue());
        for (final Map.Entry<ParquetFormat, LakeEncodingBench.Result> e : results.entrySet()) {
            final String k = e.getKey().id().replace('-', '_');
            final LakeEncodingBench.Result r = e.getValue();
            b.atLeast(k + "_rows_per_cpu_s", r.encodeRowsPerCpuSecond(), "rows/s/core", ENCODE_TARGET)
                    .metric(k + "_bytes_per_tick", r.parquetBytesPerTick(), "B")
                    .atMost(k + "_bytes_ratio_to_json", r.parquetBytesPerTick() / r.jsonBytesPerTick(), "x", 0.1)
                    .metric(k + "_speed_vs_" + first.getKey().id().replace('-', '_'),
                            r.encodeRowsPerCpuSecond() / first.getValue().encodeRowsPerCpuSecond(), "x")
                    .metric(k + "_size_vs_" + first.getKey().id().replace('-', '_'),
                            r.parquetBytesPerTick() / first.getValue().parquetBytesPerTick(), "x");
        }
        return b.note("first format: " + first.getKey().id() + "; codec " + codec + "; rows/s are per CPU-second of "
                        + "the encoding thread (thread CPU time), so other load on the machine does not count; JSON = "
                        + "the enriched tick as one object (the tutorials' design, with the same fields); raw JSON = "
                        + "the ticks-raw wire record; formats take turns in each round, the last round is reported")
                .build();
    }

    private static BenchReport.Builder builder(final LakeEncodingBench.Result r) {
        return BenchReport.builder("sink")
                .metric("ticks", r.ticks(), "rows")
                .atLeast("parquet_rows_per_cpu_s", r.encodeRowsPerCpuSecond(), "rows/s/core", ENCODE_TARGET)
                .metric("append_and_encode_rows_per_cpu_s", r.appendAndEncodeRowsPerCpuSecond(), "rows/s/core")
                .metric("json_rows_per_cpu_s", r.jsonRowsPerCpuSecond(), "rows/s/core")
                .metric("parquet_bytes_per_tick", r.parquetBytesPerTick(), "B")
                .metric("json_bytes_per_tick", r.jsonBytesPerTick(), "B")
                .metric("raw_json_bytes_per_tick", r.rawJsonBytesPerTick(), "B")
                .atMost("bytes_ratio_parquet_to_json", r.parquetBytesPerTick() / r.jsonBytesPerTick(), "x", 0.1)
                .metric("parquet_objects_per_1m_ticks", r.objectsPerMillion(), "objects")
                .metric("json_objects_per_1m_ticks", 1_000_000, "objects")
                .metric("partition_paths", r.paths(), "paths")
                .metric("parquet_files", r.files(), "objects")
                .atMost("objects_per_partition_path", r.objectsPerPath(), "x", 1.1);
    }
}
