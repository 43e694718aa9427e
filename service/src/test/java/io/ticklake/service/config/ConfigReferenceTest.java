package io.ticklake.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.sink.SinkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
    @Test
    void theReadmeEmbedsTheGeneratedReference() throws IOException {
        final String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertThat(readme).as("README.md must contain the output of `ticklake config-reference`; regenerate it")
                .contains(ConfigReference.markdown());
    }

    @Test
    void everySinkKeyIsDocumentedAndKnown() {
        SinkConfig.DEF.names().forEach(key -> {
            assertThat(ConfigKeys.isKnown(key)).as(key).isTrue();
            assertThat(ConfigReference.markdown()).contains("`" + key + "`");
        });
        assertThat(ConfigReference.markdown()).doesNotContain("See sink/README.md");
    }

    @Test
    void everyDeclaredKeyOfEveryModuleIsInTheReferenceOnce() {
        final String md = ConfigReference.markdown();
        for (final var def : ConfigKeys.DEFS) {
            for (final String key : def.names()) {
                assertThat(md.split("\\| `" + java.util.regex.Pattern.quote(key) + "` \\|", -1)).as(key).hasSize(2);
            }
        }
        assertThat(md).contains("| `topology.windows` | `TICKLAKE_TOPOLOGY_WINDOWS` | list | `1m,1d` |")
                .contains("| `topology.window.1d.grace.ms` | `TICKLAKE_TOPOLOGY_WINDOW_1D_GRACE_MS` | long | `600000` |");
    }
}
