package io.ticklake.service.http.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ticklake.data.IndexInfo;
import io.ticklake.data.ReferenceData;
import io.ticklake.service.http.Health;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/indices}, {@code GET /api/bars?index=&window=&from=&to=} and {@code GET /api/status} (see README, "Candle page
 * and API"). Bad parameters answer 400 {@code {"error": "…"}}; a lake that cannot be read 503.
 */
public final class CandleApi implements HttpHandler {
    /** Most bars one {@code /api/bars} answer holds; a larger range is a 400 asking to narrow it. */
    public static final int MAX_BARS = 50_000;
    private static final Logger LOG = LoggerFactory.getLogger(CandleApi.class);
    private final BarsReader reader;
    private final LiveBars live;
    private final List<String> windows;
    private final ReferenceData reference;
    private final Supplier<Health> health;

    public CandleApi(final BarsReader reader, final LiveBars live, final List<String> windows,
                     final ReferenceData reference, final Supplier<Health> health) {
        this.health = health;
        this.reader = reader;
        this.live = live;
        this.windows = List.copyOf(windows);
        this.reference = reference;
    }

    @Override
    public void handle(final HttpExchange ex) throws IOException {
        if (!Replies.readOnly(ex)) {
            return;
        }
        final String path = ex.getRequestURI().getPath();
        try {
            switch (path) {
                case "/api/indices" -> {
                    QueryParams.parse(ex.getRequestURI().getRawQuery(), Set.of());
                    Replies.json(ex, 200, indices());
                }
                case "/api/status" -> {
                    QueryParams.parse(ex.getRequestURI().getRawQuery(), Set.of());
                    // /health's JSON, always 200: a page polling /health would log an error on every 503
                    Replies.send(ex, 200, Replies.JSON, Replies.utf8(health.get().toJson()), "no-store");
                }
                case "/api/bars" -> Replies.json(ex, 200, bars(BarQuery.parse(
                        QueryParams.parse(ex.getRequestURI().getRawQuery(), BarQuery.PARAMETERS), windows)));
                default -> Replies.error(ex, 404, "not found; try /api/indices, /api/bars, /api/status, /api/stream");
            }
        } catch (BadRequest e) {
            Replies.error(ex, 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", path, e.toString());
            Replies.error(ex, 503, "cannot read the lake now: " + e.getMessage());
        }
    }

    private Map<String, Object> indices() {
        final Map<String, IndexSummary> byIndex = new TreeMap<>();
        try {
            for (final IndexSummary s : reader.indices()) {
                byIndex.put(s.index(), described(s.index(), s.firstDate(), s.lastDate()));
            }
        } catch (RuntimeException e) {
            // no readable history (e.g. a lake on S3): the live indices still make a page
            LOG.debug("No history for /api/indices: {}", e.toString());
        }
        final LiveIndices liveIndices = live.indices();
        for (final String index : liveIndices.indices()) {
            byIndex.putIfAbsent(index, described(index, null, null));
        }
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("windows", windows);
        out.put("indices", List.copyOf(byIndex.values()));
        // an instance that did not answer: its indices may be absent (a lake's are still listed)
        out.put("missing", liveIndices.missing());
        return out;
    }

    private IndexSummary described(final String index, final String first, final String last) {
        final Optional<IndexInfo> info = reference.find(index);
        return new IndexSummary(index, info.map(IndexInfo::exchange).orElse(null),
                zoneId(reference.zoneOf(index)), first, last);
    }

    /** An IANA id browsers know ({@code Intl.DateTimeFormat}): {@code Z} becomes {@code UTC}. */
    private static String zoneId(final java.time.ZoneId zone) {
        return zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private Map<String, Object> bars(final BarQuery q) {
        final List<HistoryBar> bars = reader.bars(q, MAX_BARS);
        if (bars.size() > MAX_BARS) {
            throw new BadRequest("more than " + MAX_BARS + " bars in this range; narrow from/to");
        }
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", q.index());
        out.put("window", q.window());
        out.put("bars", bars);
        return out;
    }
}
