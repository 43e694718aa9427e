package io.ticklake.bench.jmh;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ticklake.data.EnrichedTick;
import io.ticklake.data.json.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link TickJsonBenchmark}'s comparison timed in thread CPU time instead of wall time, for a shared
 * machine where other load makes JMH's wall-clock scores noisy: ticklake's mapper against the same
 * mapping with the JDK's doubles, taking turns for six rounds over the same enriched ticks.
 * Run: {@code java -cp app/target/ticklake.jar io.ticklake.bench.jmh.TickJsonCpuTime}.
 */
public final class TickJsonCpuTime {
    private static final int TICKS = 2000;
    private static final int REPEAT = 200;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TickJsonCpuTime() {
    }

    public static void main(final String[] args) throws IOException {
        final ObjectMapper jdk = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        final EnrichedTick[] ticks = HotPathData.enrichedTicks(TICKS);
        final byte[][] json = new byte[TICKS][];
        for (int i = 0; i < TICKS; i++) {
            json[i] = Json.write(ticks[i]);
        }
        System.out.printf("load %s%n", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        for (int round = 1; round <= 6; round++) {
            for (final ObjectMapper m : new ObjectMapper[] {jdk, Json.MAPPER}) {
                final ObjectWriter writer = m.writerFor(EnrichedTick.class);
                final ObjectReader reader = m.readerFor(EnrichedTick.class);
                final long c0 = THREADS.getCurrentThreadCpuTime();
                long sink = 0;
                for (int k = 0; k < REPEAT; k++) {
                    for (final EnrichedTick t : ticks) {
                        sink += writer.writeValueAsBytes(t).length;
                    }
                }
                final long c1 = THREADS.getCurrentThreadCpuTime();
                for (int k = 0; k < REPEAT; k++) {
                    for (final byte[] b : json) {
                        sink += reader.<EnrichedTick>readValue(b).seq();
                    }
                }
                final long c2 = THREADS.getCurrentThreadCpuTime();
                System.out.printf("round %d %-11s write %5.0f ns/tick  read %5.0f ns/tick  (%d)%n", round,
                        m == jdk ? "jdk-doubles" : "ticklake", (c1 - c0) / (double) (REPEAT * TICKS),
                        (c2 - c1) / (double) (REPEAT * TICKS), sink % 10);
            }
        }
    }
}
