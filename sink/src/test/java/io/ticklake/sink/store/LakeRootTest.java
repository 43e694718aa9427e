package io.ticklake.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LakeRootTest {

    @Test
    void parsesS3Roots() {
        final LakeRoot r = LakeRoot.parse("s3://my-bucket/lake/prod/");
        assertThat(r.isS3()).isTrue();
        assertThat(r.bucket()).isEqualTo("my-bucket");
        assertThat(r.prefix()).isEqualTo("lake/prod");
        assertThat(r.s3Key("ticks/index=NYA/x.parquet")).isEqualTo("lake/prod/ticks/index=NYA/x.parquet");
        assertThat(r.uri("ticks/")).isEqualTo("s3://my-bucket/lake/prod/ticks/");
        assertThat(r.toString()).isEqualTo("s3://my-bucket/lake/prod");
        final LakeRoot bare = LakeRoot.parse("s3://my-bucket");
        assertThat(bare.prefix()).isEmpty();
        assertThat(bare.s3Key("ticks/a")).isEqualTo("ticks/a");
        assertThat(bare.uri("ticks/")).isEqualTo("s3://my-bucket/ticks/");
    }

    @Test
    void parsesDirectories(@org.junit.jupiter.api.io.TempDir final Path dir) {
        final LakeRoot r = LakeRoot.parse(dir.toString());
        assertThat(r.isS3()).isFalse();
        assertThat(r.directory()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(LakeRoot.parse(dir.toUri().toString())).isEqualTo(r);
        assertThat(r.uri("ticks/")).isEqualTo(dir.toUri().toString().replaceAll("/$", "") + "/ticks/");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> LakeRoot.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> LakeRoot.parse("s3:///x")).hasMessageContaining("no bucket");
        assertThatThrownBy(() -> LakeRoot.parse("s3://Bad_Bucket/x")).hasMessageContaining("bucket");
        assertThatThrownBy(() -> LakeRoot.parse("hdfs://nn/x")).hasMessageContaining("unsupported");
    }
}
