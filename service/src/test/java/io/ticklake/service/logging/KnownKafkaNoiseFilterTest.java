package io.ticklake.service.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

class KnownKafkaNoiseFilterTest {
    private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final String REPLICA_MANAGER = "kafka.server.ReplicaManager";
    private static final String STREAMS_CONFIG = "org.apache.kafka.streams.StreamsConfig";
    private final KnownKafkaNoiseFilter filter = new KnownKafkaNoiseFilter();
    private final LoggerContext context = new LoggerContext();

    private FilterReply decide(final String logger, final Level level, final String message, final Throwable t) {
        return filter.decide(new LoggingEvent(getClass().getName(), context.getLogger(logger), level, message, t, null));
    }

    @Test
    void dropsProduceErrorsThatKafkaRetries() {
        assertThat(decide(SENDER, Level.WARN, "[Producer clientId=x] Got error produce response with correlation id 17 on "
                + "topic-partition ohlc-1m-1, retrying (2147483646 attempts left). Error: CONCURRENT_TRANSACTIONS", null))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide(SENDER, Level.WARN, "[Producer clientId=x] Got error produce response with correlation id 111 on "
                + "topic-partition t-1, retrying (2147483646 attempts left). Error: OUT_OF_ORDER_SEQUENCE_NUMBER", null))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide(REPLICA_MANAGER, Level.ERROR, "Error processing append operation on partition x:t-1",
                new OutOfOrderSequenceException("Invalid sequence number for producer 1"))).isEqualTo(FilterReply.DENY);
        assertThat(decide(STREAMS_CONFIG, Level.WARN, "Processing exception handler is not enabled for the GlobalThread. "
                + "It's recommended to set `processing.exception.handler.global.enabled` to true", null))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("org.apache.kafka.clients.NetworkClient", Level.WARN, "[NodeToControllerChannelManager id=1 "
                + "name=registration] Attempting to close NetworkClient that has already been closed.", null))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("kafka.server.DefaultAutoTopicCreationManager", Level.WARN, "Auto topic creation failed for "
                + "__consumer_offsets with error 'TOPIC_ALREADY_EXISTS': Topic '__consumer_offsets' already exists.", null))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void dropsTheWarningsOfTheStartupProbeButNotItsErrors() {
        final String network = "org.apache.kafka.clients.NetworkClient";
        assertThat(decide(network, Level.WARN, "[AdminClient clientId=ticklake-broker-probe] Connection to node -1 "
                + "(/127.0.0.1:1) could not be established. Node may not be available.", null)).isEqualTo(FilterReply.DENY);
        assertThat(decide(network, Level.ERROR, "[AdminClient clientId=ticklake-broker-probe] Connection to node -1 "
                + "(/127.0.0.1:9093) failed authentication due to: bad credentials", null)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void keepsEverythingElse() {
        assertThat(decide(SENDER, Level.WARN, "[Producer clientId=x] Got error produce response with correlation id 5 on "
                + "topic-partition t-1, retrying (3 attempts left). Error: NOT_LEADER_OR_FOLLOWER", null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(SENDER, Level.ERROR, "[Producer clientId=x] Uncaught error in kafka producer I/O thread", null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(REPLICA_MANAGER, Level.ERROR, "Error processing append operation on partition x:t-1",
                new IllegalStateException("disk full"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(STREAMS_CONFIG, Level.WARN, "Transaction timeout 10000 was set lower than commit interval", null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.apache.kafka.clients.NetworkClient", Level.WARN, "[AdminClient clientId=a] Connection to "
                + "node -1 (/127.0.0.1:1) could not be established. Node may not be available.", null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("kafka.server.DefaultAutoTopicCreationManager", Level.WARN, "Auto topic creation failed for "
                + "__consumer_offsets with error 'INVALID_REPLICATION_FACTOR'", null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("io.ticklake.app.Main", Level.ERROR, "Error: CONCURRENT_TRANSACTIONS", null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
