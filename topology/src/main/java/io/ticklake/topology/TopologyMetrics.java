package io.ticklake.topology;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The topology's counters, registered in the Streams metrics of the task (group
 * {@code stream-ticklake-metrics}, tags {@code thread-id} and {@code ticklake-id} = task id), so an
 * app exports them with every other Streams metric. Each sensor has {@code <name>-total} and
 * {@code <name>-rate}: {@code ticks}, {@code watermarks}, {@code watermarks-stale} (not newer than
 * the current one; every valid tick is also one {@code ticks-enriched} record), {@code late} (ticks routed to
 * {@code ticks-late}), {@code late-<window>} (per window a tick was too late for: a tick late for {@code 1m} and
 * {@code 1d} counts once in each), {@code dlq}, {@code dlq-<kind>} per {@link DlqReason}, {@code bars-<window>}.
 */
final class TopologyMetrics {
    static final String SCOPE = "ticklake";
    private final StreamsMetrics metrics;
    private final String entity;
    private final Sensor ticks;
    private final Sensor watermarks;
    private final Sensor staleWatermarks;
    private final Sensor late;
    private final Sensor dlq;
    private final Map<DlqReason, Sensor> dlqByKind = new EnumMap<>(DlqReason.class);
    private final Map<String, Sensor> bars = new LinkedHashMap<>();
    private final Map<String, Sensor> lateByWindow = new LinkedHashMap<>();

    TopologyMetrics(final StreamsMetrics metrics, final String taskId, final List<WindowSpec> windows) {
        this.metrics = metrics;
        this.entity = taskId;
        this.ticks = sensor("ticks");
        this.watermarks = sensor("watermarks");
        this.staleWatermarks = sensor("watermarks-stale");
        this.late = sensor("late");
        this.dlq = sensor("dlq");
        for (final DlqReason r : DlqReason.values()) {
            dlqByKind.put(r, sensor("dlq-" + r.code()));
        }
        for (final WindowSpec w : windows) {
            bars.put(w.name(), sensor("bars-" + w.name()));
            lateByWindow.put(w.name(), sensor("late-" + w.name()));
        }
    }

    private Sensor sensor(final String name) {
        return metrics.addRateTotalSensor(SCOPE, entity, name, Sensor.RecordingLevel.INFO);
    }

    void tick() {
        ticks.record();
    }

    void watermark(final boolean advanced) {
        (advanced ? watermarks : staleWatermarks).record();
    }

    /** One late tick; {@code windows} is the comma-separated list of the windows it missed. */
    void late(final String windows) {
        late.record();
        for (final String w : windows.split(",")) {
            final Sensor s = lateByWindow.get(w);
            if (s != null) {
                s.record();
            }
        }
    }

    void dlq(final DlqReason kind) {
        dlq.record();
        dlqByKind.get(kind).record();
    }

    void bar(final String window) {
        bars.get(window).record();
    }

    /** Removes every sensor (processor close). */
    void close() {
        for (final Sensor s : List.of(ticks, watermarks, staleWatermarks, late, dlq)) {
            metrics.removeSensor(s);
        }
        dlqByKind.values().forEach(metrics::removeSensor);
        bars.values().forEach(metrics::removeSensor);
        lateByWindow.values().forEach(metrics::removeSensor);
    }
}
