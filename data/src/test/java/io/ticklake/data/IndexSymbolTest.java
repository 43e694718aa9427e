package io.ticklake.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written check accepts exactly what {@link IndexSymbol#PATTERN} accepts. */
class IndexSymbolTest {
    @Test
    void examplesAreJudgedAsThePatternJudgesThem() {
        for (final String s : List.of("NYA", "000001.SS", "^GSPC", "J203.JO", "a_b-c", "x".repeat(32), "x".repeat(33),
                "", "N YA", "NYA/", "..", "é", "NYA\n", "%41")) {
            assertThat(IndexSymbol.isValid(s)).as(s).isEqualTo(IndexSymbol.PATTERN.matcher(s).matches());
        }
        assertThat(IndexSymbol.isValid(null)).isFalse();
    }

    @Test
    void randomStringsAreJudgedAsThePatternJudgesThem() {
        final Random random = new Random(8);
        final String alphabet = "AZaz09._^-/ %\u00e9\u0000:";
        for (int n = 0; n < 20_000; n++) {
            final StringBuilder sb = new StringBuilder();
            final int len = random.nextInt(36);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            final String s = sb.toString();
            assertThat(IndexSymbol.isValid(s)).as(s).isEqualTo(IndexSymbol.PATTERN.matcher(s).matches());
        }
    }

    @Test
    void requireNamesTheRule() {
        assertThatThrownBy(() -> IndexSymbol.require("N YA")).hasMessageContaining(IndexSymbol.PATTERN.pattern());
    }
}
