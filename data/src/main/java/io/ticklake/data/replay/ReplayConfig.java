package io.ticklake.data.replay;

import io.ticklake.data.synth.TickSynthesizer;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one replay. Immutable; start from {@link #defaults()} and change with the withers.
 *
 * @param topic                 target topic (default {@code ticks-raw})
 * @param partitions            partitions of the topic when it must be created (default 6); a dry run
 *                              counts watermarks as if the topic had this many
 * @param tickInterval          synthesizer interval (default 1m, at least 1s)
 * @param seed                  synthesizer seed (default 1)
 * @param speed                 pace (default max)
 * @param filter                which bars (default all)
 * @param watermarkEveryTicks   a watermark after this many ticks since the last one (default 100,000)
 * @param watermarkEveryEventMs or once event time has moved this far since the last one (default 1 h)
 * @param finalWatermarkLead    the final watermark is the last tick's ts plus this (default 2 days),
 *                              which closes every window up to 1 day long with a grace up to 1 day
 * @param progressEveryTicks    progress callback period in ticks (default 10,000), plus once at the end
 */
public record ReplayConfig(String topic, int partitions, Duration tickInterval, long seed, Speed speed,
                           BarFilter filter, long watermarkEveryTicks, long watermarkEveryEventMs,
                           Duration finalWatermarkLead, long progressEveryTicks) {
    /** Default topic of raw ticks. */
    public static final String DEFAULT_TOPIC = "ticks-raw";
    public static final int DEFAULT_PARTITIONS = 6;

    public ReplayConfig {
        Objects.requireNonNull(topic, "topic");
        if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("topic must match [A-Za-z0-9._-]{1,249}: "
                    + io.ticklake.data.Printable.abbreviate(topic));
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(filter, "filter");
        if (watermarkEveryTicks < 1 || watermarkEveryEventMs < 1 || progressEveryTicks < 1) {
            throw new IllegalArgumentException("watermark and progress periods must be >= 1");
        }
        if (finalWatermarkLead == null || finalWatermarkLead.isNegative()) {
            throw new IllegalArgumentException("final watermark lead must be >= 0");
        }
    }

    /** All defaults. */
    public static ReplayConfig defaults() {
        return new ReplayConfig(DEFAULT_TOPIC, DEFAULT_PARTITIONS, TickSynthesizer.DEFAULT_INTERVAL, 1, Speed.MAX,
                BarFilter.all(), 100_000, Duration.ofHours(1).toMillis(), Duration.ofDays(2), 10_000);
    }

    public ReplayConfig withTopic(final String value) {
        return new ReplayConfig(value, partitions, tickInterval, seed, speed, filter, watermarkEveryTicks,
                watermarkEveryEventMs, finalWatermarkLead, progressEveryTicks);
    }

    public ReplayConfig withPartitions(final int value) {
        return new ReplayConfig(topic, value, tickInterval, seed, speed, filter, watermarkEveryTicks,
                watermarkEveryEventMs, finalWatermarkLead, progressEveryTicks);
    }

    public ReplayConfig withTickInterval(final Duration value) {
        return new ReplayConfig(topic, partitions, value, seed, speed, filter, watermarkEveryTicks,
                watermarkEveryEventMs, finalWatermarkLead, progressEveryTicks);
    }

    public ReplayConfig withSeed(final long value) {
        return new ReplayConfig(topic, partitions, tickInterval, value, speed, filter, watermarkEveryTicks,
                watermarkEveryEventMs, finalWatermarkLead, progressEveryTicks);
    }

    public ReplayConfig withSpeed(final Speed value) {
        return new ReplayConfig(topic, partitions, tickInterval, seed, value, filter, watermarkEveryTicks,
                watermarkEveryEventMs, finalWatermarkLead, progressEveryTicks);
    }

    public ReplayConfig withFilter(final BarFilter value) {
        return new ReplayConfig(topic, partitions, tickInterval, seed, speed, value, watermarkEveryTicks,
                watermarkEveryEventMs, finalWatermarkLead, progressEveryTicks);
    }

    /** Watermark periods: every {@code ticks} ticks or {@code eventMs} of event time, whichever comes first. */
    public ReplayConfig withWatermarkEvery(final long ticks, final long eventMs) {
        return new ReplayConfig(topic, partitions, tickInterval, seed, speed, filter, ticks, eventMs,
                finalWatermarkLead, progressEveryTicks);
    }

    public ReplayConfig withFinalWatermarkLead(final Duration value) {
        return new ReplayConfig(topic, partitions, tickInterval, seed, speed, filter, watermarkEveryTicks,
                watermarkEveryEventMs, value, progressEveryTicks);
    }

    public ReplayConfig withProgressEveryTicks(final long value) {
        return new ReplayConfig(topic, partitions, tickInterval, seed, speed, filter, watermarkEveryTicks,
                watermarkEveryEventMs, finalWatermarkLead, value);
    }
}
