package io.ticklake.service.http.page;

import com.sun.net.httpserver.HttpHandler;
import io.ticklake.data.ReferenceData;
import io.ticklake.service.http.Health;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The candle page's routes on the admin server: {@code /} and {@code /assets/}, {@code /api/} ({@code indices}, {@code bars}, {@code status}), {@code /api/stream}. */
public final class CandleSite {
    private CandleSite() {
    }

    /**
     * The handlers by context path.
     *
     * @param windows the configured window names, smallest first (the page's default is the first)
     * @param health  what {@code /health} reports, served as {@code /api/status} (always 200, for the page)
     */
    public static Map<String, HttpHandler> routes(final BarsReader reader, final LiveBars live,
                                                  final List<String> windows, final ReferenceData reference,
                                                  final Supplier<Health> health) {
        final Map<String, HttpHandler> routes = new LinkedHashMap<>();
        routes.put("/", new CandlePage());
        routes.put("/api/", new CandleApi(reader, live, windows, reference, health));
        routes.put("/api/stream", new CandleStream(live, windows));
        return routes;
    }
}
