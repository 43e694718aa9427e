package io.ticklake.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.sink.testing.S3ProxyServer;
import io.ticklake.sink.testing.S3Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real S3 API server (S3Proxy in a child JVM). */
class S3ObjectStoreTest {
    @TempDir
    static Path dir;
    static S3ProxyServer server;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start(dir.resolve("s3"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void putGetListDeleteUnderAPrefix() throws Exception {
        try (S3ObjectStore store = S3Stores.open(server, "lake-a", "some/prefix", S3Settings.defaults())) {
            store.put("ticks/index=%5EGSPC/date=2021-05-28/ticks-enriched+0+00000000000000000000.parquet",
                    new byte[] {1, 2, 3});
            store.put("ticks/index=NYA/date=2021-05-28/x.parquet", new byte[] {4});
            store.put("ticks_other/index=NYA/date=2021-05-28/y.parquet", new byte[] {5});
            assertThat(store.list("ticks/")).containsExactly(
                    "ticks/index=%5EGSPC/date=2021-05-28/ticks-enriched+0+00000000000000000000.parquet",
                    "ticks/index=NYA/date=2021-05-28/x.parquet");
            assertThat(store.get("ticks/index=%5EGSPC/date=2021-05-28/ticks-enriched+0+00000000000000000000.parquet"))
                    .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
            assertThat(store.get("ticks/missing")).isEmpty();
            store.delete("ticks/index=NYA/date=2021-05-28/x.parquet");
            assertThat(store.list("ticks/")).hasSize(1);
            assertThat(store.client().listObjectsV2(l -> l.bucket("lake-a")).contents())
                    .allSatisfy(o -> assertThat(o.key()).startsWith("some/prefix/"));
            assertThat(store.uri("ticks/")).isEqualTo("s3://lake-a/some/prefix/ticks/");
        }
    }

    @Test
    void multipartAboveTheThreshold() throws Exception {
        final byte[] big = new byte[12 * 1024 * 1024 + 123];
        new Random(7).nextBytes(big);
        final S3Settings s = S3Settings.defaults().withMultipart(S3Settings.MIN_PART_SIZE, S3Settings.MIN_PART_SIZE);
        try (S3ObjectStore store = S3Stores.open(server, "lake-b", "", s)) {
            store.put("t/big.parquet", big);
            assertThat(store.get("t/big.parquet")).hasValueSatisfying(b -> assertThat(b).isEqualTo(big));
            assertThat(store.client().listMultipartUploads(l -> l.bucket("lake-b")).uploads()).isEmpty();
        }
    }

    @Test
    void failsAfterRetriesWhileTheServerIsDownAndWorksAfterRestart() throws Exception {
        final S3Settings s = S3Settings.defaults().withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50));
        try (S3ObjectStore store = S3Stores.open(server, "lake-c", "p", s)) {
            store.put("t/a.parquet", new byte[] {1});
            server.stop();
            try {
                assertThatThrownBy(() -> store.put("t/b.parquet", new byte[] {2})).isInstanceOf(IOException.class)
                        .hasMessageContaining("after 3 attempt");
                assertThat(store.retries()).isGreaterThanOrEqualTo(2);
            } finally {
                server.start();
            }
            store.put("t/b.parquet", new byte[] {2});
            assertThat(store.list("t/")).containsExactly("t/a.parquet", "t/b.parquet");
        }
    }
}
