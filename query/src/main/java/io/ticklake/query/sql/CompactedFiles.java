package io.ticklake.query.sql;

import io.ticklake.sink.lake.DataFileName;
import io.ticklake.sink.lake.ShadowRule;
import java.nio.file.Path;
import java.util.List;

/** {@link ShadowRule} over the files of one local partition directory. */
final class CompactedFiles {
    private CompactedFiles() {
    }

    /**
     * Removes the shadowed files from {@code files} (of one directory, mutable); returns whether the
     * directory holds a compacted file, which a reader must then list rather than glob.
     */
    static boolean keepVisible(final List<Path> files) {
        final List<Path> visible = ShadowRule.visible(files, CompactedFiles::name);
        files.retainAll(visible);
        return files.stream().anyMatch(f -> DataFileName.parse(name(f)).map(DataFileName::compacted).orElse(false));
    }

    private static String name(final Path f) {
        return f.getFileName().toString();
    }
}
