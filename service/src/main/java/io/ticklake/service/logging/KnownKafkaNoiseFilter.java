package io.ticklake.service.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.ticklake.service.TopicAdmin;
import java.util.Set;

/**
 * Drops log lines that Kafka writes although nothing is wrong, and that buried the demo's output:
 * <ul>
 *   <li>produce errors Kafka retries by itself under exactly-once with transactions v2 (KIP-890): the
 *   producer's {@code Sender} WARN "… retrying … Error: CONCURRENT_TRANSACTIONS |
 *   OUT_OF_ORDER_SEQUENCE_NUMBER" (a new transaction starts while the last one's markers are still
 *   being written) and the embedded broker's matching {@code ReplicaManager} ERROR with an
 *   {@code OutOfOrderSequenceException} (the retriable rejection of KAFKA-18202). They come every few
 *   commits; a produce error that is not retried still fails the Streams task and is logged by the runner;</li>
 *   <li>the {@code StreamsConfig} WARN recommending {@code processing.exception.handler.global.enabled}:
 *   ticklake sets it, but Kafka's partition assignor builds a second config from the consumer's
 *   settings alone, without it, and warns on every start;</li>
 *   <li>the WARN "Attempting to close NetworkClient that has already been closed" of the embedded
 *   broker's controller channel, a double close during its own shutdown;</li>
 *   <li>the embedded broker's WARN that creating an internal topic failed with TOPIC_ALREADY_EXISTS
 *   (two groups asked for {@code __consumer_offsets} at once; the topic is there).</li>
 *   <li>the WARNs of the start-up probe's admin client ({@link TopicAdmin#PROBE_CLIENT_ID}): against an
 *   unreachable broker, "Connection to node -1 … could not be established" at every reconnect backoff
 *   (dozens before the probe gives up); the probe's own error says it in one line.</li>
 * </ul>
 */
public final class KnownKafkaNoiseFilter extends Filter<ILoggingEvent> {
    private static final Set<String> RETRIED = Set.of("Error: CONCURRENT_TRANSACTIONS",
            "Error: OUT_OF_ORDER_SEQUENCE_NUMBER");
    private static final String OOOS = "org.apache.kafka.common.errors.OutOfOrderSequenceException";
    private static final String DOUBLE_CLOSE = "Attempting to close NetworkClient that has already been closed.";
    /** How Kafka's log context prefixes the lines of the start-up probe's admin client. */
    private static final String PROBE = "[AdminClient clientId=" + TopicAdmin.PROBE_CLIENT_ID + "] ";
    private static final String GLOBAL_HANDLER_ADVICE = "Processing exception handler is not enabled for the GlobalThread";

    @Override
    public FilterReply decide(final ILoggingEvent event) {
        return isRetriedProducerWarning(event) || isBrokerSequenceRejection(event) || isGlobalHandlerAdvice(event)
                || isDoubleClose(event) || isInternalTopicRace(event) || isProbeWarning(event)
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean isProbeWarning(final ILoggingEvent event) {
        final String message = event.getFormattedMessage();
        return event.getLevel().toInt() <= Level.WARN_INT && message != null && message.startsWith(PROBE);
    }

    private static boolean isRetriedProducerWarning(final ILoggingEvent event) {
        final String message = event.getFormattedMessage();
        return event.getLoggerName().endsWith(".Sender") && message != null && message.contains(", retrying (")
                && RETRIED.stream().anyMatch(message::endsWith);
    }

    private static boolean isBrokerSequenceRejection(final ILoggingEvent event) {
        final IThrowableProxy t = event.getThrowableProxy();
        return event.getLoggerName().endsWith("ReplicaManager") && t != null && OOOS.equals(t.getClassName());
    }

    private static boolean isGlobalHandlerAdvice(final ILoggingEvent event) {
        final String message = event.getFormattedMessage();
        return event.getLoggerName().endsWith(".StreamsConfig") && message != null
                && message.startsWith(GLOBAL_HANDLER_ADVICE);
    }

    private static boolean isDoubleClose(final ILoggingEvent event) {
        final String message = event.getFormattedMessage();
        return event.getLoggerName().endsWith(".NetworkClient") && message != null && message.endsWith(DOUBLE_CLOSE);
    }

    private static boolean isInternalTopicRace(final ILoggingEvent event) {
        final String message = event.getFormattedMessage();
        return event.getLoggerName().endsWith("AutoTopicCreationManager") && message != null
                && message.contains("error 'TOPIC_ALREADY_EXISTS'");
    }
}
