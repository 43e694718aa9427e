package io.ticklake.app.chaos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of the service-level chaos tests: tagged {@code chaos}, run over the suite's one shared
 * {@link ChaosCluster}, with fresh topics before each test (each test also has its own application
 * id and lake prefix, see {@link ChaosRun}).
 */
@Tag("chaos")
@ExtendWith(SharedCluster.class)
abstract class ChaosTest {
    /** The shared cluster, reset for this test. */
    protected ChaosCluster cluster;

    @BeforeEach
    void resetCluster(final ChaosCluster shared) {
        cluster = shared;
        cluster.resetTopics();
    }
}
