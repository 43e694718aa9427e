package io.ticklake.app.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link ChaosCluster} for every chaos test class of the run (a broker and S3Proxy each cost
 * seconds to start on a loaded 2-core machine). It lives in JUnit's root store, so it is closed when
 * the whole run ends, failed or not. Each test resets the topics first ({@link ChaosCluster#resetTopics()}),
 * and writes under its own lake prefix with its own application id.
 */
final class SharedCluster implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedCluster.class);

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == ChaosCluster.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("cluster", k -> new Holder(start()), Holder.class)
                .cluster;
    }

    private static ChaosCluster start() {
        try {
            return ChaosCluster.start(Files.createTempDirectory("ticklake-chaos-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the cluster and deletes its directory at the end of the run. */
    private record Holder(ChaosCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            final Path dir = cluster.dir();
            cluster.close();
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(final Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp directory left behind is not a test failure
        }
    }
}
