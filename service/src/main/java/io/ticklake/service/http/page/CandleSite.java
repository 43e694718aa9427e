package io.ticklake.service.http.page;

import com.sun.net.httpserver.HttpHandler;
import io.ticklake.data.ReferenceData;
import io.ticklake.service.http.Health;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The candle page's routes on the admin server: {@code /} and {@code /assets/}, {@code /api/} ({@code indices},
 * {@code bars}, {@code status}), {@code /api/stream}, and {@code /api/internal/} for the other instances.
 */
public final class CandleSite {
    private CandleSite() {
    }

    /** {@link #routes(BarsReader, LiveBars, LiveBars, List, ReferenceData, Supplier)} of a single instance. */
    public static Map<String, HttpHandler> routes(final BarsReader reader, final LiveBars live,
                                                  final List<String> windows, final ReferenceData reference,
                                                  final Supplier<Health> health) {
        return routes(reader, live, live, windows, reference, health);
    }

    /**
     * The handlers by context path.
     *
     * @param live    the live bars of the whole application (this instance's and the others')
     * @param local   the live bars of this instance's stores, served to the others on {@code /api/internal/}
     * @param windows the configured window names, smallest first (the page's default is the first)
     * @param health  what {@code /health} reports, served as {@code /api/status} (always 200, for the page)
     */
    public static Map<String, HttpHandler> routes(final BarsReader reader, final LiveBars live, final LiveBars local,
                                                  final List<String> windows, final ReferenceData reference,
                                                  final Supplier<Health> health) {
        final Map<String, HttpHandler> routes = new LinkedHashMap<>();
        routes.put("/", new CandlePage());
        routes.put("/api/", new CandleApi(reader, live, windows, reference, health));
        routes.put("/api/stream", new CandleStream(live, windows));
        routes.put(InternalLiveApi.PREFIX, new InternalLiveApi(local, windows));
        return routes;
    }
}
