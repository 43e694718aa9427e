package io.ticklake.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RollPolicyTest {
    private final RollPolicy.Limits limits = new RollPolicy.Limits(100, 1000, Duration.ofSeconds(60));

    @Test
    void rollsOnRecordsBytesAndAge() {
        final ManualClock clock = new ManualClock(1_000_000);
        final long opened = clock.millis();
        assertThat(limits.shouldRoll(99, 999, opened, clock.millis())).isNull();
        assertThat(limits.shouldRoll(100, 10, opened, clock.millis())).isEqualTo(RollPolicy.Reason.RECORDS);
        assertThat(limits.shouldRoll(5, 1000, opened, clock.millis())).isEqualTo(RollPolicy.Reason.BYTES);
        clock.advance(Duration.ofSeconds(59));
        assertThat(limits.shouldRoll(5, 10, opened, clock.millis())).isNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limits.shouldRoll(5, 10, opened, clock.millis())).isEqualTo(RollPolicy.Reason.AGE);
        assertThat(limits.shouldRoll(0, 0, opened, clock.millis())).as("an empty batch never ages").isNull();
    }

    @Test
    void rejectsNonPositiveLimits() {
        assertThatThrownBy(() -> new RollPolicy.Limits(0, 1, Duration.ofSeconds(1))).hasMessageContaining("> 0");
        assertThatThrownBy(() -> new RollPolicy.Limits(1, 1, Duration.ZERO)).hasMessageContaining("> 0");
    }
}
