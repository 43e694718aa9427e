package io.ticklake.query.sql;

import io.ticklake.sink.lake.ShadowRule;
import java.nio.file.Path;
import java.util.List;

/** {@link ShadowRule} over the files of one local partition directory. */
final class CompactedFiles {
    private CompactedFiles() {
    }

    /**
     * Removes the shadowed files from {@code files} (of one directory, mutable); returns whether it removed
     * any, in which case a reader must list the directory's files rather than glob it.
     */
    static boolean keepVisible(final List<Path> files) {
        final List<Path> visible = ShadowRule.visible(files, CompactedFiles::name);
        final boolean shadowed = visible.size() < files.size();
        files.retainAll(visible);
        return shadowed;
    }

    private static String name(final Path f) {
        return f.getFileName().toString();
    }
}
