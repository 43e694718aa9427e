package io.ticklake.bench.jmh;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ticklake.data.EnrichedTick;
import io.ticklake.data.json.Json;
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
 * An enriched tick's JSON (the value of {@code ticks-enriched}, written by the topology, read by the
 * sink) with ticklake's mapper ({@link Json#MAPPER}) against the same mapping with the JDK's double
 * parsing and printing ({@code mapper=jdk-doubles}), the baseline of the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TickJsonBenchmark {
    private static final int TICKS = 1024;

    @Param({"ticklake", "jdk-doubles"})
    public String mapper;

    private ObjectWriter writer;
    private ObjectReader reader;
    private EnrichedTick[] ticks;
    private byte[][] json;
    private int next;

    @Setup
    public void setUp() {
        final var m = mapper.equals("ticklake") ? Json.MAPPER : JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        writer = m.writerFor(EnrichedTick.class);
        reader = m.readerFor(EnrichedTick.class);
        ticks = HotPathData.enrichedTicks(TICKS);
        json = new byte[TICKS][];
        for (int i = 0; i < TICKS; i++) {
            json[i] = Json.write(ticks[i]);
        }
    }

    /** Serializes one tick. */
    @Benchmark
    public byte[] write() throws IOException {
        return writer.writeValueAsBytes(ticks[next++ & (TICKS - 1)]);
    }

    /** Deserializes one tick. */
    @Benchmark
    public EnrichedTick read() throws IOException {
        return reader.readValue(json[next++ & (TICKS - 1)]);
    }
}
