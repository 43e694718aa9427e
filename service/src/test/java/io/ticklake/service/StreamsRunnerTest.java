package io.ticklake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamsRunnerTest {
    private final StreamsRunner runner = new StreamsRunner(new StreamsBuilder().build(), new Properties(),
            Duration.ofSeconds(1), Clock.fixed(Instant.parse("2021-05-28T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void transientFailuresReplaceTheThreadAFewTimesThenShutDown() {
        final StreamsException timeout = new StreamsException("send failed", new TimeoutException("no broker"));
        for (int i = 0; i < StreamsRunner.MAX_REPLACEMENTS; i++) {
            assertThat(runner.onThreadFailure(timeout)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        assertThat(runner.failure()).isEmpty();
        assertThat(runner.onThreadFailure(timeout)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(runner.failure()).containsSame(timeout);
    }

    @Test
    void fatalFailuresShutTheClientDown() {
        final StreamsException fatal = new StreamsException("bug", new SerializationException("bad"));
        assertThat(runner.onThreadFailure(fatal)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(runner.failure()).containsSame(fatal);
        assertThat(StreamsRunner.isTransient(new IllegalStateException("x"))).isFalse();
    }
}
