package io.ticklake.sink.lake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which files of one partition directory a reader reads, decided from their names alone — the one rule
 * shared by the DuckDB views ({@code TableFiles}), {@code LakeStats} and the compactor (which deletes
 * what it shadows, so a run after a crash finishes the previous one's deletions).
 *
 * <p>A file is <b>shadowed</b> by a compacted file ({@link DataFileName#compacted}) of the same
 * topic-partition in the same directory when
 * <ul>
 *   <li>it is a plain file whose first offset lies in the compacted file's range (its rows were copied into
 *       it: the compactor writes the compacted file before it deletes its inputs), or</li>
 *   <li>it is a compacted file whose range lies inside the other's, which is not the same range
 *       (a re-compaction's input).</li>
 * </ul>
 * Everything else is visible, including names the rule does not know ({@link DataFileName#parse} empty).
 * Compacted ranges never overlap partly (each is the union of whole inputs), so the rule needs no order.
 */
public final class ShadowRule {
    private ShadowRule() {
    }

    /**
     * The files of one directory split into visible and shadowed.
     *
     * @param visible  the files to read, in input order
     * @param shadowed each shadowed file with the compacted file that covers it, in input order
     */
    public record Split<T>(List<T> visible, Map<T, T> shadowed) {
    }

    /** Splits {@code files} (of one directory), naming each by {@code name} (its file name, no directory). */
    public static <T> Split<T> split(final List<T> files, final Function<T, String> name) {
        final List<T> compacted = new ArrayList<>();
        final Map<T, DataFileName> parsed = new LinkedHashMap<>();
        for (final T f : files) {
            DataFileName.parse(name.apply(f)).ifPresent(n -> {
                parsed.put(f, n);
                if (n.compacted()) {
                    compacted.add(f);
                }
            });
        }
        final List<T> visible = new ArrayList<>();
        final Map<T, T> shadowed = new LinkedHashMap<>();
        for (final T f : files) {
            final Optional<T> by = compacted.isEmpty() || !parsed.containsKey(f) ? Optional.empty()
                    : shadower(parsed.get(f), compacted, parsed);
            if (by.isPresent()) {
                shadowed.put(f, by.get());
            } else {
                visible.add(f);
            }
        }
        return new Split<>(List.copyOf(visible), shadowed);
    }

    /** The visible files of {@code files} (of one directory). */
    public static <T> List<T> visible(final List<T> files, final Function<T, String> name) {
        return split(files, name).visible();
    }

    private static <T> Optional<T> shadower(final DataFileName n, final List<T> compacted,
                                            final Map<T, DataFileName> parsed) {
        for (final T c : compacted) {
            final DataFileName cn = parsed.get(c);
            if (!cn.sameTopicPartition(n) || cn.equals(n)) {
                continue;
            }
            final boolean inside = n.compacted() ? cn.first() <= n.first() && n.last() <= cn.last() : cn.covers(n.first());
            if (inside) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
