package io.ticklake.topology;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Defence in depth behind {@link BoundedCopy}: a dead letter or late copy that a broker still
 * rejects as too large (a {@code ticks-dlq} whose {@code max.message.bytes} is below the producer's
 * {@code max.request.size}) is dropped with a warning instead of failing the task — failing would
 * stop the service, and stop it again on the same input record after every restart. Every other
 * error is decided by {@link DefaultProductionExceptionHandler} (fail).
 *
 * <p>Effective under {@code at_least_once} only: under {@code exactly_once_v2} the rejected send
 * leaves the producer's transaction in an error state, and the commit fails the task whatever the
 * handler answers. That is why the processor never produces a copy above the producer's limit.
 *
 * <p>Dead letters and late copies are recognised by their {@link DlqHeaders#REASON} or
 * {@link LateHeaders#WINDOWS} header, so the handler needs no topic names. Set by
 * {@link TopologyConfig#streamsDefaults()}.
 */
public class OversizedCopyHandler extends DefaultProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OversizedCopyHandler.class);

    @Override
    public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record,
                                final Exception exception) {
        if (exception instanceof RecordTooLargeException && isCopy(record)) {
            LOG.warn("Dropped a copy for {} that is too large to send ({}); source record {}-{}@{}", record.topic(),
                    exception.getMessage(), context.topic(), context.partition(), context.offset());
            return Response.resume();
        }
        return super.handleError(context, record, exception);
    }

    private static boolean isCopy(final ProducerRecord<byte[], byte[]> record) {
        return record.headers() != null && (record.headers().lastHeader(DlqHeaders.REASON) != null
                || record.headers().lastHeader(LateHeaders.WINDOWS) != null);
    }
}
