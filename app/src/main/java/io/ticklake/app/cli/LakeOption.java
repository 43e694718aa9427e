package io.ticklake.app.cli;

import java.nio.file.Files;

import io.ticklake.sink.store.LakeRoot;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parsing of {@code --lake} for the SQL commands. */
final class LakeOption {
    private LakeOption() {
    }

    /** The lake root, or a usage error naming the problem. */
    static LakeRoot parse(final CommandSpec spec, final String lake) {
        final LakeRoot root;
        try {
            root = LakeRoot.parse(lake);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--lake: " + e.getMessage());
        }
        if (!root.isS3() && !Files.isDirectory(root.directory())) {
            throw new ParameterException(spec.commandLine(), "--lake: lake directory does not exist: "
                    + root.directory());
        }
        return root;
    }
}
