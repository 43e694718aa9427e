package io.ticklake.sink.lake;

import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.Schema;

/** The file schema of each (kind, layout), built once: every file of a table carries the same schema. */
final class FileSchemas {
    private static final Map<LakeTable.Kind, Map<PartitionLayout, Schema>> SCHEMAS = new EnumMap<>(LakeTable.Kind.class);

    static {
        for (LakeTable.Kind kind : LakeTable.Kind.values()) {
            final Map<PartitionLayout, Schema> byLayout = new EnumMap<>(PartitionLayout.class);
            for (PartitionLayout layout : PartitionLayout.values()) {
                byLayout.put(layout, layout.fileSchema(kind.codec().schema()));
            }
            SCHEMAS.put(kind, byLayout);
        }
    }

    private FileSchemas() {
    }

    static Schema of(final LakeTable.Kind kind, final PartitionLayout layout) {
        return SCHEMAS.get(kind).get(layout);
    }
}
