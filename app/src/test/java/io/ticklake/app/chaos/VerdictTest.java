package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.DailyBar;
import io.ticklake.data.Tick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake reader and the comparison, on lakes made by hand: they must see loss, duplicates and wrong bars. */
@Tag("chaos")
class VerdictTest {
    private static final String FILE = "ticks-enriched+0+00000000000000000000.parquet";
    private final List<Tick> ticks = List.of(new Tick("NYA", 1_622_122_200_000L, 100, 5),
            new Tick("NYA", 1_622_122_230_000L, 101, 7), new Tick("NYA", 1_622_122_260_000L, 99.5, 0));
    private final List<DailyBar> daily = List.of(new DailyBar("NYA", LocalDate.of(2021, 5, 27), 100, 101, 99.5, 99.5,
            99.5, 12, null));

    @TempDir
    Path dir;

    @Test
    void readsAHivePartitionedParquetLake() throws Exception {
        final Path file = dir.resolve("ticks/index=NYA/date=2021-05-27/" + FILE);
        Files.createDirectories(file.getParent());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (SELECT make_timestamp(1622122200000000) AS ts, 100.0 AS price, 5::BIGINT AS volume,"
                    + " 0 AS kafka_partition, 42::BIGINT AS kafka_offset) TO '" + file + "' (FORMAT parquet)");
        }
        final LakeSnapshot lake = LakeSnapshot.read(dir, List.of("ticks/index=NYA/date=2021-05-27/" + FILE));
        assertThat(lake.ticks()).containsExactly(new LakeSnapshot.LakeTick("NYA", 1_622_122_200_000L, 100, 5, 0, 42));
        assertThat(lake.ohlc1m()).isEmpty();
    }

    @Test
    void anExactLakeIsExact() {
        final Verdict verdict = Verdict.of(snapshot(lakeTicks(ticks), true), ticks, daily);
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.exact()).isTrue();
    }

    @Test
    void seesALostAndADuplicatedTick() {
        final List<LakeSnapshot.LakeTick> rows = new ArrayList<>(lakeTicks(ticks.subList(0, 2)));
        rows.add(rows.get(0));
        final Verdict verdict = Verdict.of(snapshot(rows, true), ticks, daily);
        assertThat(verdict.lost()).isEqualTo(1);
        assertThat(verdict.duplicated()).isEqualTo(1);
        assertThat(verdict.unexpected()).isZero();
        assertThat(verdict.exact()).isFalse();
    }

    @Test
    void seesWrongBarsAndStrayObjects() {
        final LakeSnapshot good = snapshot(lakeTicks(ticks), true);
        final Bar wrong = good.ohlc1d().get(0);
        final LakeSnapshot lake = new LakeSnapshot(List.of("ticks/index=NYA/date=2021-05-27/_tmp-123"), good.ticks(),
                good.ohlc1m(), List.of(new Bar(wrong.index(), wrong.windowStart(), wrong.open(), wrong.high(),
                        wrong.low(), wrong.close(), wrong.volume() + 1, wrong.vwap(), wrong.tickCount(),
                        wrong.firstTickTs(), wrong.lastTickTs())));
        final Verdict verdict = Verdict.of(lake, ticks, daily);
        assertThat(verdict.problems()).anyMatch(p -> p.startsWith("stray object"))
                .anyMatch(p -> p.startsWith("ohlc_1d NYA@"));
        assertThat(verdict.exact()).isFalse();
    }

    private static List<LakeSnapshot.LakeTick> lakeTicks(final List<Tick> ticks) {
        final List<LakeSnapshot.LakeTick> rows = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i++) {
            final Tick t = ticks.get(i);
            rows.add(new LakeSnapshot.LakeTick(t.index(), t.ts(), t.price(), t.volume(), 0, i));
        }
        return rows;
    }

    private LakeSnapshot snapshot(final List<LakeSnapshot.LakeTick> rows, final boolean withBars) {
        final List<Bar> m1 = withBars ? List.copyOf(Oracle.bars(ticks, Oracle.MINUTE_MS).values()) : List.of();
        final List<Bar> d1 = withBars ? List.copyOf(Oracle.bars(ticks, Oracle.DAY_MS).values()) : List.of();
        return new LakeSnapshot(List.of("ticks/index=NYA/date=2021-05-27/" + FILE), rows, m1, d1);
    }
}
