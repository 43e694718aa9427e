package io.ticklake.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest {

    @Test
    void putGetListOverwriteDelete(@TempDir final Path dir) throws Exception {
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            store.put("ticks/index=NYA/date=2021-05-28/a.parquet", bytes("one"));
            store.put("ticks/index=NYA/date=2021-05-29/b.parquet", bytes("two"));
            store.put("ohlc_1m/index=NYA/date=2021-05-28/c.parquet", bytes("three"));
            store.put("ticks/index=NYA/date=2021-05-28/a.parquet", bytes("one again"));
            assertThat(store.list("ticks/")).containsExactly("ticks/index=NYA/date=2021-05-28/a.parquet",
                    "ticks/index=NYA/date=2021-05-29/b.parquet");
            assertThat(new String(store.get("ticks/index=NYA/date=2021-05-28/a.parquet").orElseThrow(),
                    StandardCharsets.UTF_8)).isEqualTo("one again");
            assertThat(store.get("ticks/none")).isEmpty();
            store.delete("ticks/index=NYA/date=2021-05-29/b.parquet");
            store.delete("ticks/index=NYA/date=2021-05-29/b.parquet");
            assertThat(store.list("")).hasSize(2);
            // temp files live outside every table and are gone after the rename
            try (var s = Files.list(dir.resolve(LocalObjectStore.TMP_DIR))) {
                assertThat(s).isEmpty();
            }
            assertThat(store.uri("ticks/")).isEqualTo(dir.toUri().toString().replaceAll("/$", "") + "/ticks/");
        }
    }

    @Test
    void closeLeavesNoTempDirectoryBehind(@TempDir final Path dir) throws Exception {
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            store.put("ticks/index=NYA/date=2021-05-28/a.parquet", bytes("one"));
        }
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("ticks");
        }
        try (LocalObjectStore idle = LocalObjectStore.at(dir.resolve("never-written"))) {
            assertThat(idle.list("")).isEmpty();
        }
        assertThat(dir.resolve("never-written").resolve(LocalObjectStore.TMP_DIR)).doesNotExist();
    }

    @Test
    void refusesKeysOutsideTheLake(@TempDir final Path dir) throws Exception {
        try (LocalObjectStore store = LocalObjectStore.at(dir.resolve("lake"))) {
            assertThatThrownBy(() -> store.put("../evil", bytes("x"))).hasMessageContaining("outside");
            assertThatThrownBy(() -> store.put(".tmp/x", bytes("x"))).hasMessageContaining("outside");
            assertThat(Files.exists(dir.resolve("evil"))).isFalse();
        }
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
