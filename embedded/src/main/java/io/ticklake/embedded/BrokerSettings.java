package io.ticklake.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The broker configuration of a single-node KRaft cluster (combined broker and controller) bound to
 * 127.0.0.1, sized for a laptop or a test: every replication factor and min ISR is 1, and thread
 * counts and buffers are small because the broker shares the JVM with the application.
 *
 * @param nodeId         the KRaft node id (also the only voter)
 * @param brokerPort     the port of the PLAINTEXT listener that clients use
 * @param controllerPort the port of the CONTROLLER listener (KRaft quorum)
 * @param logDir         the directory holding both the partition logs and the metadata log
 * @param overrides      broker properties set last, over the ones above (e.g. {@code message.max.bytes})
 */
record BrokerSettings(int nodeId, int brokerPort, int controllerPort, Path logDir, Map<String, String> overrides) {

    static final String HOST = "127.0.0.1";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    BrokerSettings {
        requirePort(brokerPort, "broker port");
        requirePort(controllerPort, "controller port");
        if (brokerPort == controllerPort) {
            throw new IllegalArgumentException("broker and controller ports must differ: " + brokerPort);
        }
        if (logDir == null) {
            throw new IllegalArgumentException("log dir is required");
        }
        overrides = Map.copyOf(overrides);
    }

    BrokerSettings(final int nodeId, final int brokerPort, final int controllerPort, final Path logDir) {
        this(nodeId, brokerPort, controllerPort, logDir, Map.of());
    }

    private static void requirePort(final int port, final String what) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(what + " out of range: " + port);
        }
    }

    String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /** The properties for {@code kafka.server.KafkaConfig}. */
    Properties toProperties() {
        final Properties props = new Properties();
        putKraft(props);
        putSingleNodeDurability(props);
        putSmallFootprint(props);
        props.putAll(overrides);
        return props;
    }

    private void putKraft(final Properties props) {
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", nodeId + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort
            + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());
    }

    /** One node: every internal topic (offsets, transactions, share state) lives on one replica. */
    private static void putSingleNodeDurability(final Properties props) {
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("default.replication.factor", "1");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
    }

    /**
     * Fewer internal partitions and threads than the defaults: creating 50 offsets and 50
     * transaction-state partitions on first use costs seconds on a 2-core machine, and the
     * log cleaner would otherwise allocate a 128 MB dedupe buffer.
     */
    private static void putSmallFootprint(final Properties props) {
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.num.partitions", "5");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        props.put("log.cleaner.io.buffer.size", Integer.toString(512 * 1024));
    }
}
