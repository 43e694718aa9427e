package io.ticklake.app.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A health report.
 *
 * @param live       the process works (answers, and no component failed fatally)
 * @param ready      it processes data: Kafka Streams RUNNING and the sink running
 * @param components per component: its state (e.g. {@code streams → RUNNING}, {@code sink → RUNNING})
 */
public record Health(boolean live, boolean ready, Map<String, String> components) {
    public Health {
        components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** The JSON served at {@code /health}. */
    public String toJson() {
        final StringBuilder b = new StringBuilder(128).append("{\"status\":\"")
                .append(ready ? "UP" : live ? "STARTING_OR_DEGRADED" : "DOWN")
                .append("\",\"live\":").append(live).append(",\"ready\":").append(ready).append(",\"components\":{");
        boolean first = true;
        for (final Map.Entry<String, String> e : components.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('"').append(escape(e.getKey())).append("\":\"").append(escape(e.getValue())).append('"');
        }
        return b.append("}}").toString();
    }

    private static String escape(final String s) {
        final StringBuilder b = new StringBuilder(s.length());
        for (final char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
