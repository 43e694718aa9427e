package io.ticklake.service.config;

/**
 * The configuration reference as Markdown, generated from the {@code ConfigDef}s ({@link ConfigKeys})
 * (the README embeds it). Numbers are plain integers, as in Kafka's own settings.
 */
public final class ConfigReference {
    /** Marks the start of the generated block in the README. */
    public static final String BEGIN = "<!-- config-reference:begin (generated: java -jar app/target/ticklake.jar "
            + "config-reference) -->";
    public static final String END = "<!-- config-reference:end -->";

    private ConfigReference() {
    }

    /** The reference table, between {@link #BEGIN} and {@link #END}. */
    public static String markdown() {
        final StringBuilder b = new StringBuilder(8192).append(BEGIN).append('\n');
        b.append("| key | environment | type | default | meaning |\n|---|---|---|---|---|\n");
        for (final ConfigKey k : ConfigKeys.all()) {
            b.append("| `").append(k.name()).append("` | `").append(k.envName()).append("` | ").append(k.type())
                    .append(" | ")
                    .append(k.defaultValue() == null ? "—" : "`" + k.defaultValue() + "`").append(" | ")
                    .append(k.description().replace("|", "\\|")).append(" |\n");
        }
        b.append("| `kafka.<setting>` | `KAFKA_<SETTING>` | — | — | Any Kafka client setting, passed to every client "
                + "(producer, consumer, admin, Streams): `KAFKA_MAX_POLL_RECORDS=500` → `max.poll.records=500`. |\n");
        b.append("| `streams.<setting>` | `TICKLAKE_STREAMS_<SETTING>` | — | — | Any Kafka Streams setting, e.g. "
                + "`streams.commit.interval.ms`. |\n");
        return b.append(END).append('\n').toString();
    }
}
