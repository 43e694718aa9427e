package io.ticklake.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Formats a KRaft log directory, like {@code kafka-storage.sh format}, unless it already is
 * formatted: a restart on the same directory keeps its cluster id and all its data.
 */
final class StorageFormatter {

    private static final String META_PROPERTIES = "meta.properties";

    private StorageFormatter() {
    }

    /** True when {@code logDir} already holds a formatted KRaft node. */
    static boolean isFormatted(final Path logDir) {
        return Files.isRegularFile(logDir.resolve(META_PROPERTIES));
    }

    /** Formats {@code settings.logDir()} with a new cluster id if it is not formatted yet. */
    static void formatIfNeeded(final BrokerSettings settings) throws IOException {
        if (isFormatted(settings.logDir())) {
            return;
        }
        Files.createDirectories(settings.logDir());
        final String logDir = settings.logDir().toString();
        final Formatter formatter = new Formatter()
            // The formatter prints "Formatting ..." lines; the embedding application owns stdout.
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
            .setNodeId(settings.nodeId())
            .setClusterId(Uuid.randomUuid().toString())
            .setDirectories(List.of(logDir))
            .setMetadataLogDirectory(logDir)
            .setReleaseVersion(MetadataVersion.latestProduction())
            .setControllerListenerName(BrokerSettings.CONTROLLER_LISTENER)
            .setIgnoreFormatted(true);
        try {
            formatter.run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot format KRaft storage in " + logDir + ": " + e.getMessage(), e);
        }
    }
}
