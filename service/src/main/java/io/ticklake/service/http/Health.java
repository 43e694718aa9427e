package io.ticklake.service.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A health report.
 *
 * @param live       the process works (answers, and no component failed fatally)
 * @param ready      it processes data: Kafka Streams RUNNING and the sink running
 * @param components per component: its state (e.g. {@code streams → RUNNING}, {@code sink → RUNNING})
 * @param counters   groups of counters shown with the health, e.g. {@code dead_letters → {total → 3,
 *                   not-json → 2, …}}; informational, they never change live or ready
 */
public record Health(boolean live, boolean ready, Map<String, String> components,
                     Map<String, Map<String, Long>> counters) {
    private static final JsonFactory JSON = new JsonFactory();

    public Health {
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        final Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        counters.forEach((group, values) -> copy.put(group, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        counters = Collections.unmodifiableMap(copy);
    }

    /** A report without counters. */
    public Health(final boolean live, final boolean ready, final Map<String, String> components) {
        this(live, ready, components, Map.of());
    }

    /** The JSON served at {@code /health}. */
    public String toJson() {
        final StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("status", ready ? "UP" : live ? "STARTING_OR_DEGRADED" : "DOWN");
            g.writeBooleanField("live", live);
            g.writeBooleanField("ready", ready);
            g.writeObjectFieldStart("components");
            for (final Map.Entry<String, String> e : components.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            if (!counters.isEmpty()) {
                g.writeObjectFieldStart("counters");
                for (final Map.Entry<String, Map<String, Long>> group : counters.entrySet()) {
                    g.writeObjectFieldStart(group.getKey());
                    for (final Map.Entry<String, Long> c : group.getValue().entrySet()) {
                        g.writeNumberField(c.getKey(), c.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringWriter does not fail
        }
        return w.toString();
    }
}
