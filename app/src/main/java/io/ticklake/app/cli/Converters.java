package io.ticklake.app.cli;

import io.ticklake.data.replay.Speed;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters; each failure is one line that names the expected form. */
public final class Converters {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Converters() {
    }

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 1m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT1M}).
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Duration duration(final String text) {
        final String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        final Matcher m = SHORT_DURATION.matcher(s);
        try {
            if (m.matches()) {
                final long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("expected a duration like 1m, 30s, 500ms or PT1M: '" + text + "'");
        }
    }

    /** {@link Converters#duration(String)} for picocli. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(final String value) {
            try {
                return duration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A date {@code yyyy-MM-dd}. */
    public static final class DateConverter implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(final String value) {
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("expected a date yyyy-MM-dd: '" + value + "'");
            }
        }
    }

    /** {@code max} or a factor of market time. */
    public static final class SpeedConverter implements ITypeConverter<Speed> {
        @Override
        public Speed convert(final String value) {
            try {
                return Speed.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
