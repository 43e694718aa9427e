package io.ticklake.service;

import io.ticklake.service.config.AppConfig;
import io.ticklake.sink.BatchCommitHook;
import io.ticklake.query.catalog.CatalogCommitHook;
import io.ticklake.query.catalog.GlueCatalog;
import io.ticklake.query.catalog.GlueLakeSync;
import io.ticklake.query.catalog.GlueOptions;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.store.ObjectStore;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/**
 * The catalog a service registers partitions in: Glue when the lake is on S3 and a Glue database is
 * configured (database and tables are created or updated at start; each batch's new partitions are
 * registered by the sink's commit hook before the batch's offsets are committed); otherwise none — a
 * local lake is read by DuckDB directly.
 */
public final class CatalogWiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogWiring.class);
    private final GlueClient glue;
    private final CatalogCommitHook hook;
    private final String description;

    private CatalogWiring(final GlueClient glue, final CatalogCommitHook hook, final String description) {
        this.glue = glue;
        this.hook = hook;
        this.description = description;
    }

    /** Sets up the catalog of {@code config} (Glue database and tables, if any). */
    public static CatalogWiring create(final AppConfig config, final ObjectStore store) {
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
            return new CatalogWiring(glue, new CatalogCommitHook(catalog), what);
        } catch (RuntimeException e) {
            glue.close();
            throw e;
        }
    }

    /** The commit hook to give the sink (registers partitions before offsets are committed). */
    public BatchCommitHook commitHook() {
        return hook == null ? BatchCommitHook.NONE : hook;
    }

    /** What catalog this is, for logs and {@code /health}. */
    public String description() {
        return description;
    }

    /** Releases the client (nothing is pending: registration is part of every batch's commit). */
    @Override
    public void close() {
        if (glue != null) {
            glue.close();
        }
    }
}
