package io.ticklake.app.chaos;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.replay.ReplayConfig;
import io.ticklake.data.replay.ReplayProducer;
import io.ticklake.data.replay.ReplaySummary;
import io.ticklake.data.replay.Speed;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.data.testing.TestMarket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dataset a chaos test replays: generated daily bars ({@link TestMarket}) turned into ticks by
 * the data module's synthesizer, replayed into {@code ticks-raw} by its {@code ReplayProducer}. The
 * same bars and ticks are what the lake is compared with.
 *
 * @param indices      index symbols (their sessions must fall within one UTC day, so a 1d bar is a daily bar)
 * @param from         first date
 * @param to           last date
 * @param tickInterval synthesizer interval
 * @param seed         generator and synthesizer seed
 */
record SourceData(List<String> indices, LocalDate from, LocalDate to, Duration tickInterval, long seed) {
    SourceData {
        indices = List.copyOf(indices);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(tickInterval, "tickInterval");
    }

    /** New York, Tokyo, Frankfurt; Thursday and Friday; a tick every 30 s: about 5,000 ticks. */
    static SourceData standard() {
        return new SourceData(TestMarket.THREE_ZONES, LocalDate.of(2021, 5, 27), LocalDate.of(2021, 5, 28),
                Duration.ofSeconds(30), TestMarket.SEED);
    }

    List<DailyBar> bars() {
        return TestMarket.bars(indices, from, to, seed);
    }

    /** Every tick the replay sends, ordered by index then time. */
    List<Tick> ticks() {
        final TickSynthesizer synth = new TickSynthesizer(ReferenceData.builtIn(), tickInterval, seed);
        return bars().stream().flatMap(bar -> synth.synthesize(bar).stream())
                .sorted(Comparator.comparing(Tick::index).thenComparingLong(Tick::ts)).toList();
    }

    /** Event time from the first tick to the last. */
    Duration marketSpan() {
        final List<Tick> ticks = ticks();
        final long first = ticks.stream().mapToLong(Tick::ts).min().orElse(0);
        final long last = ticks.stream().mapToLong(Tick::ts).max().orElse(0);
        return Duration.ofMillis(last - first);
    }

    /** A replay configuration into {@code ticks-raw} that lasts about {@code wall} ({@code null}: as fast as possible). */
    ReplayConfig replayConfig(final int partitions, final Duration wall) {
        final Speed speed = wall == null ? Speed.MAX
                : new Speed((double) marketSpan().toMillis() / Math.max(1, wall.toMillis()));
        return ReplayConfig.defaults().withPartitions(partitions).withTickInterval(tickInterval).withSeed(seed)
                .withSpeed(speed).withProgressEveryTicks(1_000);
    }

    /** Replays every tick and the final watermark into {@code ticks-raw}; blocks until acknowledged. */
    ReplaySummary replay(final String bootstrapServers, final int partitions, final Duration wall) {
        try (ReplayProducer replay = ReplayProducer.kafka(replayConfig(partitions, wall), ReferenceData.builtIn(),
                Map.of("bootstrap.servers", bootstrapServers))) {
            return replay.replay(bars().iterator(), progress -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }
}
