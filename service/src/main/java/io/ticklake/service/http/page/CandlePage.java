package io.ticklake.service.http.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /}: the candle page, and {@code /assets/…}: its script, style sheet and the chart library
 * (Apache ECharts from its WebJar), all read from the jar's classpath once, at construction: the page
 * needs no network beyond this server. Any other path is a 404 listing the endpoints.
 */
public final class CandlePage implements HttpHandler {
    private static final String BASE = "/io/ticklake/service/http/page/";
    private static final String ECHARTS_POM = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final String NOT_FOUND = "not found; try /, /api/indices, /api/bars, /api/stream, /health, "
            + "/health/live, /health/ready, /metrics\n";
    private final Map<String, Asset> assets;

    private record Asset(String type, byte[] body) {
    }

    public CandlePage() {
        this.assets = Map.of(
                "/", new Asset("text/html; charset=utf-8", read(BASE + "index.html")),
                "/assets/candles.js", new Asset("text/javascript; charset=utf-8", read(BASE + "candles.js")),
                "/assets/candles.css", new Asset("text/css; charset=utf-8", read(BASE + "candles.css")),
                "/assets/echarts.min.js", new Asset("text/javascript; charset=utf-8", read("/META-INF/resources/webjars/"
                        + "echarts/" + echartsVersion() + "/dist/echarts.min.js")));
    }

    @Override
    public void handle(final HttpExchange ex) throws IOException {
        final Asset asset = assets.get(ex.getRequestURI().getPath());
        if (asset == null) {
            Replies.send(ex, 404, "text/plain; charset=utf-8", Replies.utf8(NOT_FOUND), "no-store");
            return;
        }
        if (Replies.readOnly(ex)) {
            Replies.send(ex, 200, asset.type(), asset.body(), "no-cache");
        }
    }

    private static String echartsVersion() {
        final Properties p = new Properties();
        try (InputStream in = CandlePage.class.getResourceAsStream(ECHARTS_POM)) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar is not on the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(final String resource) {
        try (InputStream in = CandlePage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
