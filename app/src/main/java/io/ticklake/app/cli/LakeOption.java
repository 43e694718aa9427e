package io.ticklake.app.cli;

import io.ticklake.service.UsageException;
import java.nio.file.Files;

import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.LocalLake;
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

    /**
     * DuckDB over the local lake {@code root}, or a usage error when no table there has a Parquet file
     * (a folder that is not a lake root would otherwise answer every query with 0 rows).
     */
    static DuckDbEngine openLocal(final LakeRoot root) {
        final DuckDbEngine engine = LocalLake.open(root.directory());
        if (engine.tables().size() == engine.emptyTables().size()) {
            engine.close();
            throw new UsageException("--lake " + root.directory() + " holds no ticklake table (no <table>/index=…/"
                    + "[date=…/]*.parquet): give the lake's root directory");
        }
        return engine;
    }
}
