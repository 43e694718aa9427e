package io.ticklake.service.config;

import io.ticklake.sink.SinkConfig;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.topology.TopologyConfig;
import io.ticklake.topology.WindowSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The agreement between the topology's output and the lake's tables: by default the lake has a
 * table for the enriched ticks and one per window ({@code ohlc_<size>}); a {@code sink.tables} that
 * would leave a topic the topology writes out of the lake, or map one it does not write, is a
 * configuration error rather than data that silently never lands.
 */
final class LakeTopics {
    private LakeTopics() {
    }

    /** The lake's tables for {@code topology}'s topics and windows. */
    static LakeTables tablesOf(final TopologyConfig topology) {
        return LakeTables.forTopics(topology.enrichedTopic(), topology.barTopicPrefix(),
                topology.windows().stream().map(WindowSpec::name).toList());
    }

    /** The topics the topology writes that belong in the lake: enriched ticks and each window's bars. */
    static List<String> written(final TopologyConfig topology) {
        final List<String> topics = new ArrayList<>();
        topics.add(topology.enrichedTopic());
        topology.windows().forEach(w -> topics.add(topology.barTopic(w)));
        return topics;
    }

    /**
     * Fails unless {@code tables} maps exactly the topics {@code topology} writes to the lake.
     *
     * @throws ConfigException one line naming the topic and the keys to change
     */
    static void check(final TopologyConfig topology, final LakeTables tables) {
        final List<String> written = written(topology);
        final String windows = TopologyConfig.WINDOWS + "=" + String.join(",",
                topology.windows().stream().map(WindowSpec::name).toList());
        for (final String topic : written) {
            if (tables.forTopic(topic).isEmpty()) {
                throw new ConfigException(SinkConfig.TABLES + " does not map topic " + topic + ", which the topology "
                        + "writes (" + windows + "): its records would never reach the lake; map it or leave "
                        + SinkConfig.TABLES + " unset to follow the windows");
            }
        }
        for (final String topic : tables.topics()) {
            if (!written.contains(topic)) {
                throw new ConfigException(SinkConfig.TABLES + " maps topic " + topic + ", which the topology does not "
                        + "write (" + windows + "; bars go to " + topology.barTopicPrefix() + "<size>)");
            }
        }
    }
}
