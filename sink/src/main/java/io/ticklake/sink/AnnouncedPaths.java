package io.ticklake.sink;

import io.ticklake.sink.lake.PartitionPath;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The partition paths already told to the listener, bounded (least recently used forgotten first):
 * forgetting one only means the idempotent listener hears about it again.
 */
final class AnnouncedPaths {
    private final Map<PartitionPath, Boolean> lru;

    AnnouncedPaths(final int max) {
        this.lru = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<PartitionPath, Boolean> eldest) {
                return size() > max;
            }
        };
    }

    /** Whether {@code p} was announced (and marks it recently used). */
    boolean contains(final PartitionPath p) {
        return lru.get(p) != null;
    }

    void add(final PartitionPath p) {
        lru.put(p, Boolean.TRUE);
    }

    int size() {
        return lru.size();
    }
}
