package io.ticklake.topology;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tumbling, epoch-aligned (UTC) window size and its grace period. Windows are
 * {@code [k × size, (k + 1) × size)}; a window closes when its index's event time reaches
 * {@code end + grace}.
 *
 * @param name   the size as written in config and topic names, e.g. {@code 1m}, {@code 1d}
 * @param sizeMs window length, &gt; 0
 * @param graceMs how long after the window end ticks are still accepted, ≥ 0
 */
public record WindowSpec(String name, long sizeMs, long graceMs) {
    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

    public WindowSpec {
        if (name == null || !SIZE.matcher(name).matches()) {
            throw new IllegalArgumentException("window name must look like 30s, 1m, 1h or 1d: " + name);
        }
        if (sizeMs <= 0) {
            throw new IllegalArgumentException("window size must be > 0: " + sizeMs);
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("window grace must be >= 0: " + graceMs);
        }
    }

    /**
     * A window of the size written as {@code name} ({@code <n>s|m|h|d}).
     *
     * @throws IllegalArgumentException when the name is not a size
     */
    public static WindowSpec of(final String name, final Duration grace) {
        final String n = name == null ? null : name.strip().toLowerCase(Locale.ROOT);
        final Matcher m = n == null ? null : SIZE.matcher(n);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("window must look like 30s, 1m, 1h or 1d: " + name);
        }
        final long amount = Long.parseLong(m.group(1));
        final Duration size = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new WindowSpec(n, size.toMillis(), grace.toMillis());
    }

    /** Inclusive start of the window containing {@code ts}. */
    public long startOf(final long ts) {
        return Math.floorDiv(ts, sizeMs) * sizeMs;
    }

    /** Whether the window starting at {@code start} is closed once event time is {@code eventTime}. */
    public boolean closedAt(final long start, final long eventTime) {
        return start + sizeMs + graceMs <= eventTime;
    }

    /** Whether this is a daily (or longer) window, whose trading date follows its first tick. */
    public boolean daily() {
        return sizeMs >= Duration.ofDays(1).toMillis();
    }
}
