package io.ticklake.query.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The lake in the AWS Glue Data Catalog, without a crawler: one database, one external Parquet table
 * per lake table (partition keys as its {@link io.ticklake.sink.lake.PartitionLayout} says: {@code index}
 * string, then {@code date} date or {@code year} int), and partitions
 * registered as they appear. Every operation is idempotent: rerunning creates nothing twice, and a
 * table whose columns or location changed is updated in place.
 */
public final class GlueCatalog {
    /** Glue's limit of partitions per BatchCreatePartition call. */
    public static final int MAX_PARTITIONS_PER_CALL = 100;
    /** The last year an {@code index=/year=} table's projection covers. */
    static final int PROJECTED_LAST_YEAR = 2100;
    static final String INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final String OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    static final String SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    private static final Logger LOG = LoggerFactory.getLogger(GlueCatalog.class);
    private final GlueClient glue;
    private final String database;
    private final GlueOptions options;

    /** Does not take ownership of {@code glue}. */
    public GlueCatalog(final GlueClient glue, final String database, final GlueOptions options) {
        this.glue = Objects.requireNonNull(glue, "glue");
        this.database = LakeIdentifiers.requireDatabase(database);
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The database name. */
    public String database() {
        return database;
    }

    /** Creates the database unless it exists; returns whether it was created. */
    public boolean ensureDatabase() {
        try {
            glue.createDatabase(CreateDatabaseRequest.builder()
                    .databaseInput(DatabaseInput.builder().name(database)
                            .description("ticklake: stock-index ticks, bars and rollups").build())
                    .build());
            LOG.info("Glue database {} created", database);
            return true;
        } catch (AlreadyExistsException e) {
            return false;
        }
    }

    /** What {@link #ensureTable} did. */
    public enum TableChange { CREATED, UPDATED, UNCHANGED }

    /** Creates the table, or updates it when its columns, keys, location or format differ. */
    public TableChange ensureTable(final GlueTableSpec spec) {
        final TableInput wanted = tableInput(spec);
        final Table existing = findTable(spec.name());
        if (existing == null) {
            try {
                glue.createTable(b -> b.databaseName(database).tableInput(wanted));
                LOG.info("Glue table {}.{} created at {}", database, spec.name(), spec.location());
                return TableChange.CREATED;
            } catch (AlreadyExistsException e) {
                return ensureTable(spec); // created concurrently: compare with what is there now
            }
        }
        if (sameDefinition(existing, wanted)) {
            return TableChange.UNCHANGED;
        }
        glue.updateTable(b -> b.databaseName(database).tableInput(wanted));
        LOG.info("Glue table {}.{} updated (schema or location changed)", database, spec.name());
        return TableChange.UPDATED;
    }

    /** The table as Glue has it, or {@code null}. */
    public Table findTable(final String table) {
        try {
            return glue.getTable(GetTableRequest.builder().databaseName(database)
                    .name(LakeIdentifiers.requireTable(table)).build()).table();
        } catch (EntityNotFoundException e) {
            return null;
        }
    }

    /**
     * Registers partitions with BatchCreatePartition, {@value #MAX_PARTITIONS_PER_CALL} per call.
     * Partitions that already exist count as registered; any other per-partition error is reported
     * in the result (never thrown), so one bad partition does not hold up the others.
     */
    public PartitionRegistration addPartitions(final List<GluePartition> partitions) {
        final Map<String, List<GluePartition>> byTable = new HashMap<>();
        for (final GluePartition p : partitions) {
            byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(p);
        }
        PartitionRegistration total = PartitionRegistration.EMPTY;
        for (final Map.Entry<String, List<GluePartition>> e : byTable.entrySet()) {
            final List<GluePartition> list = e.getValue();
            for (int from = 0; from < list.size(); from += MAX_PARTITIONS_PER_CALL) {
                total = total.plus(createBatch(e.getKey(), list.subList(from,
                        Math.min(list.size(), from + MAX_PARTITIONS_PER_CALL))));
            }
        }
        return total;
    }

    /** The partition values (e.g. {@code [index, date]}, the table's keys in order) of a table, all pages. */
    public List<List<String>> partitions(final String table) {
        final List<List<String>> values = new ArrayList<>();
        glue.getPartitionsPaginator(GetPartitionsRequest.builder().databaseName(database)
                        .tableName(LakeIdentifiers.requireTable(table)).build())
                .stream().flatMap(r -> r.partitions().stream())
                .forEach(p -> values.add(List.copyOf(p.values())));
        return values;
    }

    /** The stored location of a partition, or {@code null}. */
    public String partitionLocation(final String table, final List<String> values) {
        try {
            final Partition p = glue.getPartition(b -> b.databaseName(database).tableName(table)
                    .partitionValues(values)).partition();
            return p.storageDescriptor().location();
        } catch (EntityNotFoundException e) {
            return null;
        }
    }

    private PartitionRegistration createBatch(final String table, final List<GluePartition> batch) {
        final List<PartitionInput> inputs = batch.stream().map(this::partitionInput).toList();
        final BatchCreatePartitionResponse response;
        try {
            response = glue.batchCreatePartition(BatchCreatePartitionRequest.builder()
                    .databaseName(database).tableName(table).partitionInputList(inputs).build());
        } catch (EntityNotFoundException e) {
            LOG.warn("Glue partitions not registered, {}.{}: {}", database, table, e.awsErrorDetails().errorMessage());
            return new PartitionRegistration(0, 0, batch.stream()
                    .map(p -> table + " " + p.values() + ": EntityNotFoundException "
                            + e.awsErrorDetails().errorMessage()).toList());
        }
        int existed = 0;
        final List<String> failures = new ArrayList<>();
        for (final PartitionError error : response.errors()) {
            final String code = error.errorDetail() == null ? "" : error.errorDetail().errorCode();
            if ("AlreadyExistsException".equals(code)) {
                existed++;
            } else {
                final String msg = table + " " + error.partitionValues() + ": " + code + " "
                        + (error.errorDetail() == null ? "" : error.errorDetail().errorMessage());
                LOG.warn("Glue partition not registered: {}", msg);
                failures.add(msg);
            }
        }
        return new PartitionRegistration(batch.size() - existed - failures.size(), existed, failures);
    }

    private PartitionInput partitionInput(final GluePartition p) {
        return PartitionInput.builder()
                .values(p.values())
                .storageDescriptor(StorageDescriptor.builder()
                        .location(p.location())
                        .inputFormat(INPUT_FORMAT).outputFormat(OUTPUT_FORMAT)
                        .serdeInfo(serde()).build())
                .build();
    }

    private TableInput tableInput(final GlueTableSpec spec) {
        final Map<String, String> params = new HashMap<>();
        params.put("classification", "parquet");
        params.put("EXTERNAL", "TRUE");
        params.put("ticklake.table", spec.name());
        if (options.projection()) {
            projection(spec, params);
        }
        return TableInput.builder()
                .name(spec.name())
                .tableType("EXTERNAL_TABLE")
                .parameters(params)
                .partitionKeys(spec.partitionKeys())
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(spec.columns())
                        .location(spec.location())
                        .inputFormat(INPUT_FORMAT).outputFormat(OUTPUT_FORMAT)
                        .serdeInfo(serde())
                        .compressed(false)
                        .build())
                .build();
    }

    /**
     * Partition projection of the spec's layout: {@code index} an enum of the projected indices, {@code date}
     * a daily date range from the projection start to NOW, {@code year} an integer range from the start's
     * year to {@value #PROJECTED_LAST_YEAR} (Athena has no NOW for integers; a year without files reads as
     * empty); the location template follows the layout's directories.
     */
    private void projection(final GlueTableSpec spec, final Map<String, String> params) {
        params.put("projection.enabled", "true");
        params.put("projection.index.type", "enum");
        params.put("projection.index.values", String.join(",", options.projectedIndices()));
        final StringBuilder template = new StringBuilder(spec.location()).append("index=${index}/");
        switch (spec.layout()) {
            case INDEX_DATE -> {
                params.put("projection.date.type", "date");
                params.put("projection.date.format", "yyyy-MM-dd");
                params.put("projection.date.range", options.projectionFrom() + ",NOW");
                params.put("projection.date.interval", "1");
                params.put("projection.date.interval.unit", "DAYS");
                template.append("date=${date}/");
            }
            case INDEX_YEAR -> {
                params.put("projection.year.type", "integer");
                params.put("projection.year.range", options.projectionFrom().getYear() + "," + PROJECTED_LAST_YEAR);
                template.append("year=${year}/");
            }
            case INDEX -> {
                // index alone
            }
        }
        params.put("storage.location.template", template.toString());
    }

    private static SerDeInfo serde() {
        return SerDeInfo.builder().serializationLibrary(SERDE)
                .parameters(Map.of("serialization.format", "1")).build();
    }

    private static boolean sameDefinition(final Table existing, final TableInput wanted) {
        final StorageDescriptor have = existing.storageDescriptor();
        final StorageDescriptor want = wanted.storageDescriptor();
        return have != null
                && columnsEqual(have.columns(), want.columns())
                && columnsEqual(existing.partitionKeys(), wanted.partitionKeys())
                && Objects.equals(have.location(), want.location())
                && Objects.equals(have.inputFormat(), want.inputFormat())
                && have.serdeInfo() != null
                && Objects.equals(have.serdeInfo().serializationLibrary(), SERDE)
                && existing.parameters().entrySet().containsAll(wanted.parameters().entrySet())
                && wanted.parameters().keySet().containsAll(existing.parameters().keySet().stream()
                        .filter(k -> k.startsWith("projection.")).toList());
    }

    private static boolean columnsEqual(final List<software.amazon.awssdk.services.glue.model.Column> a,
                                        final List<software.amazon.awssdk.services.glue.model.Column> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name()) || !a.get(i).type().equals(b.get(i).type())) {
                return false;
            }
        }
        return true;
    }
}
