package io.ticklake.app.service;

import io.ticklake.app.config.AppConfig;
import io.ticklake.sink.catalog.CatalogPartitionListener;
import io.ticklake.sink.catalog.GlueCatalog;
import io.ticklake.sink.catalog.GlueLakeSync;
import io.ticklake.sink.catalog.GlueOptions;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.PartitionListener;
import io.ticklake.sink.store.ObjectStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/**
 * The catalog a service registers partitions in: Glue when the lake is on S3 and a Glue database is
 * configured (database and tables are created or updated at start, each new partition registered
 * through the sink's listener); otherwise none — a local lake is read by DuckDB directly.
 */
public final class CatalogWiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogWiring.class);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);
    private final GlueClient glue;
    private final CatalogPartitionListener listener;
    private final String description;

    private CatalogWiring(final GlueClient glue, final CatalogPartitionListener listener, final String description) {
        this.glue = glue;
        this.listener = listener;
        this.description = description;
    }

    /** Sets up the catalog of {@code config} (Glue database and tables, if any). */
    public static CatalogWiring create(final AppConfig config, final ObjectStore store, final Clock clock) {
        final boolean s3 = config.lake().map(l -> l.isS3()).orElse(false);
        if (!s3 || config.glueDatabase().isEmpty()) {
            final String what = s3 ? "none (no catalog.glue.database)" : "local (DuckDB reads the lake directly)";
            LOG.info("Catalog: {}", what);
            return new CatalogWiring(null, null, what);
        }
        final GlueClientBuilder builder = GlueClient.builder();
        config.glueRegion().ifPresent(r -> builder.region(Region.of(r)));
        config.glueEndpoint().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        final GlueClient glue = builder.build();
        try {
            final GlueCatalog catalog = new GlueCatalog(glue, config.glueDatabase().get(), GlueOptions.DEFAULTS);
            catalog.ensureDatabase();
            for (final LakeTable table : config.sink().tables().tables()) {
                catalog.ensureTable(GlueLakeSync.spec(table, store));
            }
            final String what = "Glue database " + catalog.database();
            LOG.info("Catalog: {} (tables ready; partitions registered as they land)", what);
            return new CatalogWiring(glue, new CatalogPartitionListener(catalog, MAX_DELAY, clock), what);
        } catch (RuntimeException e) {
            glue.close();
            throw e;
        }
    }

    /** The listener to give the sink. */
    public PartitionListener listener() {
        return listener == null ? PartitionListener.NONE : listener;
    }

    /** What catalog this is, for logs and {@code /health}. */
    public String description() {
        return description;
    }

    /** Registers what is pending and releases the client. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        if (glue != null) {
            glue.close();
        }
    }
}
