package io.ticklake.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's poll key table is the one {@link PollConfig} declares. */
class PollReadmeTest {
    @Test
    void theReadmeListsEveryPollKeyAsDeclared() throws Exception {
        final String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        final int begin = readme.indexOf('\n', readme.indexOf("<!-- poll-keys:begin")) + 1;
        final int end = readme.indexOf("<!-- poll-keys:end -->");
        assertThat(readme.substring(begin, end)).isEqualTo(PollConfig.markdownTable());
    }
}
