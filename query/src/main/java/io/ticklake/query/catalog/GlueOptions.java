package io.ticklake.query.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Optional Glue table features.
 *
 * @param projectedIndices when non-empty, tables get Athena partition-projection properties
 *                         ({@code index} an enum of these symbols, {@code date} a daily range from
 *                         {@code projectionFrom} to NOW), so Athena needs no registered partitions
 * @param projectionFrom   first date of the projected range
 */
public record GlueOptions(List<String> projectedIndices, LocalDate projectionFrom) {
    /** No partition projection: partitions are registered explicitly. */
    public static final GlueOptions DEFAULTS = new GlueOptions(List.of(), LocalDate.of(1965, 1, 1));

    public GlueOptions {
        projectedIndices = List.copyOf(Objects.requireNonNull(projectedIndices, "projectedIndices"));
        Objects.requireNonNull(projectionFrom, "projectionFrom");
        for (final String index : projectedIndices) {
            if (index.isEmpty() || index.contains(",")) {
                throw new IllegalArgumentException("invalid index for partition projection: " + index);
            }
        }
    }

    /** Whether partition projection is on. */
    public boolean projection() {
        return !projectedIndices.isEmpty();
    }
}
