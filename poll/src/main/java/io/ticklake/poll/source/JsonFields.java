package io.ticklake.poll.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** Reading numbers and times out of API responses, which often send numbers as strings. */
final class JsonFields {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private JsonFields() {
    }

    /** The parsed body, or empty when it is not JSON. */
    static Optional<JsonNode> parse(final byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(body)).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A number, or a string holding one ("225.9700"); empty when absent, null or not a number. */
    static Optional<Double> number(final JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(node.asDouble());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(Double.parseDouble(node.asText().strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A whole number ≥ 0 (or a string holding one); empty when absent or not one. */
    static Optional<Long> count(final JsonNode node) {
        return number(node).filter(v -> Double.isFinite(v) && v >= 0 && v == Math.rint(v) && v < 9e18)
                .map(Double::longValue);
    }

    /** Start of {@code day} in epoch milliseconds UTC. */
    static long startOf(final LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The UTC date of {@code epochMs}. */
    static LocalDate dayOf(final long epochMs) {
        return java.time.Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** At most 120 characters of {@code s} on one line, for log lines quoting a response. */
    static String excerpt(final String s) {
        final String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }
}
