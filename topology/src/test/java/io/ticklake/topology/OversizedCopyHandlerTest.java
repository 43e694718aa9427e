package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** The production exception handler that {@link TopologyConfig#streamsDefaults()} installs. */
class OversizedCopyHandlerTest {
    private static final ErrorHandlerContext SOURCE = new ErrorHandlerContext() {
        public String topic() { return "ticks-raw"; }
        public int partition() { return 2; }
        public long offset() { return 7; }
        public Headers headers() { return new RecordHeaders(); }
        public String processorNodeId() { return TickTopology.SINK; }
        public TaskId taskId() { return new TaskId(0, 2); }
        public long timestamp() { return 0; }
        public byte[] sourceRawKey() { return null; }
        public byte[] sourceRawValue() { return null; }
    };

    @Test
    void isTheDefaultHandler() {
        assertThat(TopologyConfig.streamsDefaults().getProperty(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(OversizedCopyHandler.class.getName());
    }

    @Test
    void resumesOnlyWhenADeadLetterOrLateCopyIsTooLarge() {
        final OversizedCopyHandler handler = new OversizedCopyHandler();
        handler.configure(Map.of());
        final Headers dlq = DlqHeaders.own("not-json: x", "ticks-raw", 2, 7);
        final Headers late = LateHeaders.own("1m", 0, "ticks-raw", 2, 7);
        final RecordTooLargeException tooLarge = new RecordTooLargeException("too large");

        assertThat(result(handler, "ticks-dlq", dlq, tooLarge)).isEqualTo(Result.RESUME);
        assertThat(result(handler, "ticks-late", late, tooLarge)).isEqualTo(Result.RESUME);
        assertThat(result(handler, "ticks-enriched", new RecordHeaders(), tooLarge)).isEqualTo(Result.FAIL);
        assertThat(result(handler, "ticks-dlq", dlq, new SerializationException("x"))).isEqualTo(Result.FAIL);
    }

    private static Result result(final OversizedCopyHandler handler, final String topic, final Headers headers,
                                 final Exception e) {
        final ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, null, new byte[1], new byte[1], headers);
        return handler.handleError(SOURCE, r, e).result();
    }
}
