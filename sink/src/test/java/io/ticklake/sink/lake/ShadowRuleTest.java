package io.ticklake.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ShadowRuleTest {
    private static String plain(final String topic, final int p, final long first) {
        return PartitionPath.fileName(topic, p, first);
    }

    private static String compacted(final String topic, final int p, final long first, final long last) {
        return DataFileName.compacted(topic, p, first, last).fileName();
    }

    @Test
    void namesRoundTripAndStrayNamesAreNotDataFiles() {
        final String c = compacted("ohlc-1m", 2, 7, 42);
        assertThat(c).isEqualTo("ohlc-1m+2+00000000000000000007-00000000000000000042.parquet");
        assertThat(DataFileName.parse(c)).contains(DataFileName.compacted("ohlc-1m", 2, 7, 42));
        assertThat(DataFileName.parse(plain("t.x-y", 0, 5))).contains(new DataFileName("t.x-y", 0, 5, 5, false));
        assertThat(DataFileName.parse("part-0.parquet")).isEmpty();
        assertThat(DataFileName.parse("t+1+5.parquet")).isEmpty();
        assertThat(DataFileName.parse("t+1+00000000000000000042-00000000000000000007.parquet")).isEmpty();
        assertThat(DataFileName.parse("t+x+00000000000000000001.parquet")).isEmpty();
        assertThat(DataFileName.parse(plain("t", 1, 5) + ".tmp")).isEmpty();
    }

    @Test
    void aPlainFileStartingInsideACompactedRangeOfItsTopicPartitionIsShadowed() {
        final String c = compacted("t", 0, 10, 20);
        final List<String> files = List.of(plain("t", 0, 9), plain("t", 0, 10), plain("t", 0, 15), plain("t", 0, 20),
                plain("t", 0, 21), plain("t", 1, 15), plain("u", 0, 15), c, "stray.parquet");
        final ShadowRule.Split<String> split = ShadowRule.split(files, Function.identity());
        assertThat(split.shadowed()).containsOnlyKeys(plain("t", 0, 10), plain("t", 0, 15), plain("t", 0, 20));
        assertThat(split.shadowed().values()).containsOnly(c);
        assertThat(split.visible()).containsExactly(plain("t", 0, 9), plain("t", 0, 21), plain("t", 1, 15),
                plain("u", 0, 15), c, "stray.parquet");
    }

    @Test
    void aCompactedFileInsideAWiderOneIsShadowedButNotItself() {
        final String inner = compacted("t", 0, 10, 20);
        final String outer = compacted("t", 0, 10, 30);
        final String later = compacted("t", 0, 31, 40);
        assertThat(ShadowRule.visible(List.of(inner, outer, later), Function.identity())).containsExactly(outer, later);
        assertThat(ShadowRule.visible(List.of(inner), Function.identity())).containsExactly(inner);
    }
}
