package io.ticklake.app.cli;

import io.ticklake.query.catalog.LakeIdentifiers;
import io.ticklake.service.UsageException;
import io.ticklake.service.compact.CommittedOffsets;
import io.ticklake.sink.compact.Compactor;
import io.ticklake.sink.compact.OffsetGuard;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.store.LakeRoot;
import io.ticklake.sink.store.ObjectStore;
import io.ticklake.sink.store.ObjectStores;
import io.ticklake.sink.store.S3Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code compact}: merges each partition's small files, exactly once (README, Compaction). */
@Command(name = "compact", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merges the files of each partition directory into one (or files of --target-size), named by "
                + "the offset range they cover; the inputs are deleted after the compacted file is durable, and a run "
                + "after an interrupted one finishes its deletions. Prints the files before and after per table."})
public final class CompactCommand implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--lake", required = true, paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "the lake: a local directory or s3:// (through the sink's S3 store)")
    String lake;

    @Option(names = "--table", paramLabel = "NAME", description = "a table to compact (repeatable; default: every "
            + "table of a local lake, the default tables on S3)")
    List<String> tables;

    @Option(names = "--older-than", paramLabel = "DURATION|DATE", description = "only partitions whose date= ended at "
            + "least this long ago (2d, 36h, P7D) or lies before this date (yyyy-MM-dd); default: every partition")
    String olderThan;

    @Option(names = "--target-size", paramLabel = "SIZE", defaultValue = "128MiB",
            description = "largest compacted file made of several inputs, e.g. 64MiB (default: ${DEFAULT-VALUE})")
    String targetSize;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", description = "compact only files the "
            + "sink's consumer group has committed past (read from Kafka): required while a sink may still write "
            + "the selected partitions")
    String bootstrapServers;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = "ticklake",
            description = "the service's application.id; its sink's group is <id>-sink (default: ${DEFAULT-VALUE})")
    String applicationId;

    @Option(names = "--region", paramLabel = "REGION", description = "S3 region (default: the AWS default chain)")
    String region;

    @Option(names = "--aws-endpoint", paramLabel = "URL", hidden = true, description = "S3 endpoint override (tests)")
    URI endpoint;

    @Override
    public Integer call() throws IOException {
        final LakeRoot root = LakeOption.parse(spec, lake);
        final Compactor.Options options = new Compactor.Options(size(), closedBefore(Clock.systemUTC()), guard());
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        int conflicts = 0;
        try (ObjectStore store = ObjectStores.open(root, s3())) {
            final Compactor compactor = new Compactor(store, options);
            for (final String table : tables(root)) {
                final Compactor.Result r = compactor.compactTable(table, progress(err, table));
                out.printf(Locale.ROOT, "%s: %,d partitions, %,d → %,d files (%,d merged into %,d; %,d left by an "
                        + "interrupted run deleted; %,d not yet committed by the sink; %,d conflicts)%n", table,
                        r.partitions(), r.filesBefore(), r.filesAfter(), r.merged(), r.compacted(), r.leftovers(),
                        r.notFinal(), r.conflicts());
                conflicts += r.conflicts();
            }
        }
        out.flush();
        if (conflicts > 0) {
            err.println("compact: " + conflicts + " shadowed file(s) reach beyond the compacted file covering them "
                    + "and were kept (see the WARN lines): a sink wrote them after they were compacted");
            err.flush();
            return ExitCodes.RUNTIME;
        }
        return ExitCodes.OK;
    }

    private List<String> tables(final LakeRoot root) {
        if (tables != null && !tables.isEmpty()) {
            for (final String t : tables) {
                if (!LakeIdentifiers.isTable(t)) {
                    throw new ParameterException(spec.commandLine(), "--table: not a table name ([a-z][a-z0-9_]*): " + t);
                }
                if (!root.isS3() && !Files.isDirectory(root.directory().resolve(t))) {
                    throw new UsageException("--table " + t + ": no such table under " + root.directory());
                }
            }
            return List.copyOf(tables);
        }
        if (root.isS3()) {
            return LakeTables.defaults().tables().stream().map(LakeTable::name).toList();
        }
        try (Stream<Path> dirs = Files.list(root.directory())) {
            final List<String> found = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(LakeIdentifiers::isTable).sorted().toList();
            if (found.isEmpty()) {
                throw new UsageException("--lake " + root.directory() + " holds no ticklake table");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root.directory(), e);
        }
    }

    /** {@code --older-than} as the first date not selected; null: every partition. */
    LocalDate closedBefore(final Clock clock) {
        if (olderThan == null) {
            return null;
        }
        try {
            return LocalDate.parse(olderThan.strip());
        } catch (DateTimeParseException notADate) {
            try {
                final Duration d = Converters.duration(olderThan);
                if (d.isNegative()) {
                    throw new IllegalArgumentException("negative");
                }
                return LocalDate.ofInstant(clock.instant().minus(d), ZoneOffset.UTC);
            } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
                throw new ParameterException(spec.commandLine(), "--older-than: expected a duration (2d, 36h, P7D) or "
                        + "a date yyyy-MM-dd: '" + olderThan + "'");
            }
        }
    }

    private long size() {
        final Matcher m = SIZE.matcher(targetSize.strip().toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                final long n = Long.parseLong(m.group(1));
                final String unit = m.group(2) == null ? "b" : m.group(2);
                final long bytes = Math.multiplyExact(n, switch (unit.charAt(0)) {
                    case 'k' -> 1024L;
                    case 'm' -> 1024L * 1024;
                    case 'g' -> 1024L * 1024 * 1024;
                    default -> 1L;
                });
                if (bytes >= 1 && bytes <= Integer.MAX_VALUE - 1024) {
                    return bytes;
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to the usage error
        }
        throw new ParameterException(spec.commandLine(), "--target-size: expected a size from 1 byte to 2GiB, e.g. "
                + "128MiB, 512k, 1000000: '" + targetSize + "'");
    }

    private OffsetGuard guard() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            return OffsetGuard.ALL;
        }
        return CommittedOffsets.guard(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000), applicationId + "-sink", Duration.ofSeconds(20));
    }

    private S3Settings s3() {
        return endpoint == null ? S3Settings.defaults() : S3Settings.defaults().withEndpoint(endpoint, region);
    }

    /** A progress line on stderr at most every 2 s, and at the end of a table of more than one partition. */
    private static Compactor.Progress progress(final PrintWriter err, final String table) {
        final long[] last = {System.nanoTime()};
        return (done, total, r) -> {
            final long now = System.nanoTime();
            if (now - last[0] >= PROGRESS_EVERY_NANOS || done == total && total > 1) {
                last[0] = now;
                err.printf(Locale.ROOT, "compact: %s %,d/%,d partitions, %,d files merged%n", table, done, total,
                        r.merged());
                err.flush();
            }
        };
    }
}
