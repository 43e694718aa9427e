package io.ticklake.service.http.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one instance tells the others (several instances, one view): {@code GET /api/internal/live?index=&window=}
 * ({@link LiveState} as JSON) and {@code GET /api/internal/indices} ({@link LiveIndices}), both from this
 * instance's own stores only, never forwarded (so two instances cannot ask each other in a loop).
 * Parameters are checked as {@code /api/stream} checks them (400).
 */
public final class InternalLiveApi implements HttpHandler {
    /** The context path. */
    public static final String PREFIX = "/api/internal/";
    /** The path of one index's live bars. */
    public static final String LIVE = PREFIX + "live";
    /** The path of the live indices. */
    public static final String INDICES = PREFIX + "indices";
    private static final Logger LOG = LoggerFactory.getLogger(InternalLiveApi.class);
    private final LiveBars local;
    private final List<String> windows;

    /** @param local this instance's live bars (not the application's) */
    public InternalLiveApi(final LiveBars local, final List<String> windows) {
        this.local = local;
        this.windows = List.copyOf(windows);
    }

    @Override
    public void handle(final HttpExchange ex) throws IOException {
        if (!Replies.readOnly(ex)) {
            return;
        }
        final String path = ex.getRequestURI().getPath();
        final String query = ex.getRequestURI().getRawQuery();
        try {
            switch (path) {
                case LIVE -> {
                    final QueryParams p = QueryParams.parse(query, Set.of("index", "window"));
                    Replies.json(ex, 200, local.state(BarQuery.index(p), BarQuery.window(p.require("window"), windows)));
                }
                case INDICES -> {
                    QueryParams.parse(query, Set.of());
                    Replies.json(ex, 200, local.indices());
                }
                default -> Replies.error(ex, 404, "not found; try " + LIVE + ", " + INDICES);
            }
        } catch (BadRequest e) {
            Replies.error(ex, 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", path, e.toString());
            Replies.error(ex, 503, "cannot read the live bars now: " + e.getMessage());
        }
    }
}
