package io.ticklake.query.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of registering partitions.
 *
 * @param created  partitions newly created
 * @param existed  partitions that were already registered (fine: registration is idempotent)
 * @param failures one line per partition Glue refused for another reason
 */
public record PartitionRegistration(int created, int existed, List<String> failures) {
    /** Nothing registered. */
    public static final PartitionRegistration EMPTY = new PartitionRegistration(0, 0, List.of());

    public PartitionRegistration {
        failures = List.copyOf(failures);
    }

    /** Both outcomes added up. */
    public PartitionRegistration plus(final PartitionRegistration other) {
        final List<String> all = new ArrayList<>(failures);
        all.addAll(other.failures);
        return new PartitionRegistration(created + other.created, existed + other.existed, all);
    }
}
