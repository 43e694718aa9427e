package io.ticklake.sink;

import io.ticklake.sink.lake.PartitionListener;
import io.ticklake.sink.lake.PartitionPath;
import java.util.Map;

/**
 * The commit hook that tells a {@link PartitionListener} about each partition path of a batch it has
 * not announced recently (a bounded memory: forgetting a path only means the listener hears it again).
 */
final class PartitionAnnouncer implements BatchCommitHook {
    private final PartitionListener listener;
    private final AnnouncedPaths announced;

    PartitionAnnouncer(final PartitionListener listener, final int remembered) {
        this.listener = listener;
        this.announced = new AnnouncedPaths(remembered);
    }

    @Override
    public void beforeCommit(final DurableBatch batch) throws Exception {
        for (final Map.Entry<PartitionPath, String> p : batch.partitions().entrySet()) {
            if (!announced.contains(p.getKey())) {
                listener.onPartition(p.getKey(), p.getValue());
                announced.add(p.getKey());
            }
        }
    }
}
