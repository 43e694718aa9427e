package io.ticklake.bench.trino;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticklake.query.sql.QueryResult;
import io.ticklake.query.sql.SqlException;

/**
 * A minimal client of Trino's HTTP protocol ({@code POST /v1/statement}, then follow {@code nextUri}), so
 * the check runs on the project's Java 17 without Trino's JDBC driver. Values come back typed like
 * DuckDB's JDBC values: {@code Long} for integer types, {@code Double} (NaN and infinities included),
 * {@code LocalDate}, {@code LocalDateTime}, {@code BigDecimal}, {@code Boolean}, {@code String}.
 */
public final class TrinoClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI server;
    private final String catalog;
    private final String schema;

    /** A client of the coordinator at {@code server} (e.g. {@code http://127.0.0.1:8080}). */
    public TrinoClient(final URI server, final String catalog, final String schema) {
        this.server = Objects.requireNonNull(server, "server");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.schema = schema;
    }

    /** Whether the coordinator answers {@code /v1/info} with {@code "starting": false}. */
    public boolean started() {
        try {
            final HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve("/v1/info"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && !JSON.readTree(r.body()).path("starting").asBoolean(true);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The server's version ({@code nodeVersion.version} of {@code /v1/info}). */
    public String version() {
        return send(HttpRequest.newBuilder(server.resolve("/v1/info")).timeout(Duration.ofSeconds(10)).GET().build())
                .path("nodeVersion").path("version").asText("unknown");
    }

    /** Runs one statement and returns all its rows; Trino's error message on failure. */
    public QueryResult query(final String sql) {
        final long start = System.nanoTime();
        final List<String> columns = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        final List<List<Object>> rows = new ArrayList<>();
        HttpRequest.Builder request = headers(HttpRequest.newBuilder(server.resolve("/v1/statement")))
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
        while (request != null) {
            final JsonNode page = send(request.build());
            final JsonNode error = page.path("error");
            if (!error.isMissingNode() && !error.isNull()) {
                throw new SqlException("Trino: " + error.path("errorName").asText() + ": "
                        + error.path("message").asText(), null);
            }
            if (columns.isEmpty() && page.has("columns")) {
                for (final JsonNode c : page.get("columns")) {
                    columns.add(c.path("name").asText());
                    types.add(c.path("type").asText());
                }
            }
            for (final JsonNode row : page.path("data")) {
                final List<Object> values = new ArrayList<>(types.size());
                for (int i = 0; i < types.size(); i++) {
                    values.add(value(row.get(i), types.get(i)));
                }
                rows.add(values);
            }
            final String next = page.path("nextUri").asText(null);
            request = next == null ? null : headers(HttpRequest.newBuilder(URI.create(next))).GET();
        }
        return new QueryResult(columns, types, rows, -1, Duration.ofNanos(System.nanoTime() - start));
    }

    private HttpRequest.Builder headers(final HttpRequest.Builder b) {
        b.timeout(REQUEST_TIMEOUT).header("X-Trino-User", "ticklake").header("X-Trino-Catalog", catalog)
                .header("X-Trino-Time-Zone", "UTC")
                // without it Trino names every timestamp type "timestamp" (the protocol's old form)
                .header("X-Trino-Client-Capabilities", "PARAMETRIC_DATETIME");
        return schema == null ? b : b.header("X-Trino-Schema", schema);
    }

    private JsonNode send(final HttpRequest request) {
        try {
            final HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new SqlException("Trino: HTTP " + r.statusCode() + " from " + request.uri() + ": "
                        + r.body().lines().findFirst().orElse(""), null);
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new SqlException("Trino: " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException("Trino: interrupted", e);
        }
    }

    /** One JSON value of a column of Trino type {@code type} as the Java value DuckDB's JDBC returns. */
    static Object value(final JsonNode v, final String type) {
        if (v == null || v.isNull()) {
            return null;
        }
        final String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("bigint") || t.equals("integer") || t.equals("smallint") || t.equals("tinyint")) {
            return v.asLong();
        }
        if (t.equals("double") || t.equals("real")) {
            return v.isNumber() ? v.doubleValue() : Double.valueOf(v.asText()); // "NaN", "Infinity", "-Infinity"
        }
        if (t.equals("boolean")) {
            return v.asBoolean();
        }
        if (t.equals("date")) {
            return LocalDate.parse(v.asText());
        }
        if ((t.equals("timestamp") || t.startsWith("timestamp(")) && !t.contains("with time zone")) {
            return LocalDateTime.parse(v.asText().replace(' ', 'T'));
        }
        if (t.startsWith("decimal")) {
            return new BigDecimal(v.asText());
        }
        return v.isTextual() ? v.asText() : v.toString();
    }
}
