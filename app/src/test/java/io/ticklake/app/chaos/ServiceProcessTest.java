package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: a child JVM is started, found ready, killed with SIGKILL, restarted, stopped with SIGTERM. */
@Tag("chaos")
class ServiceProcessTest {
    @TempDir
    Path dir;

    @Test
    void startsKillsRestartsAndStopsAChildJvm() {
        final int port = Ports.free();
        try (ServiceProcess service = new ServiceProcess(new ServiceProcess.Spec(StubService.class.getName(),
                List.of(Integer.toString(port)), Map.of(), List.of("-Xmx32m"), port, dir))) {
            service.startAndAwaitReady(Duration.ofSeconds(60));
            final long firstPid = service.pid();

            assertThat(service.kill9()).isEqualTo(137);
            assertThat(service.isAlive()).isFalse();
            assertThat(service.status("/health/ready")).isEqualTo(-1);

            service.startAndAwaitReady(Duration.ofSeconds(60));
            assertThat(service.pid()).isNotEqualTo(firstPid);
            assertThat(service.sigterm(Duration.ofSeconds(30))).isZero();
            assertThat(service.startupMillis()).hasSize(2);
            assertThat(service.logTail(10)).contains("=== start 2 ===");
        }
    }
}
