package io.ticklake.data.config;

/**
 * The OHLC window sizes ticklake computes unless {@code topology.windows} says otherwise: the one
 * place they are written. The topology declares them as its default; the sink, used alone, maps
 * the same sizes to tables; the service derives the lake's tables from the topology's windows.
 */
public final class DefaultWindows {
    /** Comma-separated, the syntax of {@code topology.windows}. */
    public static final String SIZES = "1m,1d";

    private DefaultWindows() {
    }

    /** {@link #SIZES} as a list. */
    public static java.util.List<String> list() {
        return java.util.List.of(SIZES.split(","));
    }
}
