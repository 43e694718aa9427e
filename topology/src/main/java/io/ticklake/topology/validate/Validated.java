package io.ticklake.topology.validate;

import io.ticklake.data.Tick;
import io.ticklake.topology.DlqReason;

/** What one {@code ticks-raw} record turned out to be. */
public sealed interface Validated {
    /** A valid tick whose key is its index. */
    record ValidTick(Tick tick) implements Validated {
    }

    /** A valid watermark control record. */
    record ValidWatermark(long ts) implements Validated {
    }

    /** A record for the dead-letter topic. */
    record Rejected(DlqReason kind, String reason) implements Validated {
    }
}
