package io.ticklake.bench.jmh;

import io.ticklake.data.EnrichedTick;
import io.ticklake.sink.lake.LakeRows;
import io.ticklake.sink.lake.LakeSchemas;
import io.ticklake.sink.lake.ParquetEncoder;
import io.ticklake.sink.lake.ParquetFormat;
import io.ticklake.sink.lake.RowBuffer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One lake file of ticks encoded by the sink's {@link ParquetEncoder} (ZSTD): {@code rows} = a file
 * of one index-day at a 1-minute (≈ 400) and at the default 10-second (≈ 2,400) tick interval, per
 * {@code sink.parquet.format}. Rows/s = rows / the time per file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParquetEncodeBenchmark {
    @Param({"400", "2400"})
    public int rows;

    @Param({"v1", "v2", "v2-bss"})
    public String format;

    private RowBuffer buffer;
    private ParquetEncoder encoder;

    @Setup
    public void setUp() {
        buffer = new RowBuffer(LakeSchemas.TICKS);
        final EnrichedTick[] ticks = HotPathData.enrichedTicks(rows);
        for (int i = 0; i < rows; i++) {
            LakeRows.append(buffer, ticks[i], 0, i);
        }
        encoder = new ParquetEncoder(ParquetEncoder.codec("zstd"), ParquetFormat.parse(format));
    }

    /** Encodes the file. */
    @Benchmark
    public byte[] encode() throws IOException {
        return encoder.encode(buffer);
    }
}
