package io.ticklake.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.ReferenceData;
import io.ticklake.service.http.AdminServer;
import io.ticklake.service.http.Health;
import io.ticklake.service.http.page.CandleSite;
import io.ticklake.service.http.page.DuckDbBarsReader;
import io.ticklake.service.http.page.HistoryBar;
import io.ticklake.service.http.page.LiveBars;
import io.ticklake.service.http.page.LiveIndices;
import io.ticklake.service.http.page.LiveState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * Asking another instance for its live bars over its admin HTTP: its answer as it gave it; a peer that
 * accepts the connection but never answers, a port nobody listens on, and an error answer each give
 * an answer naming the instance as missing, within about the timeout, never an exception.
 */
class PeerLiveBarsTest {
    private static final Health UP = new Health(true, true, Map.of(), Map.of());
    private static final Duration WITHIN = PeerLiveBars.TIMEOUT.plusSeconds(2);
    private final PeerLiveBars peers = new PeerLiveBars();

    @Test
    void aPeersAnswerIsItsStoresAnswer() {
        final LiveState held = new LiveState(new HistoryBar(60_000, 1, 3, 0.5, 2, 10, 4, true),
                new HistoryBar(0, 1, 1, 1, 1, 5, 1, false), null);
        final LiveBars fixed = new LiveBars() {
            @Override
            public LiveState state(final String index, final String window) {
                return index.equals("^GSPC") && window.equals("1m") ? held : LiveState.EMPTY;
            }

            @Override
            public LiveIndices indices() {
                return new LiveIndices(List.of("^GSPC", "NYA"), List.of());
            }
        };
        try (DuckDbBarsReader reader = noHistory();
             AdminServer peer = AdminServer.start("127.0.0.1", 0, () -> UP, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                     CandleSite.routes(reader, LiveBars.NONE, fixed, List.of("1m"), ReferenceData.builtIn(), () -> UP))) {
            final HostInfo at = new HostInfo("127.0.0.1", peer.port());
            assertThat(peers.state(at, "^GSPC", "1m")).isEqualTo(held);
            assertThat(peers.state(at, "NYA", "1m")).isEqualTo(LiveState.EMPTY);
            assertThat(peers.indices(at).join()).isEqualTo(fixed.indices());
            // the peer refuses a window it does not have: the answer says so
            assertThat(peers.state(at, "NYA", "5m").missing())
                    .isEqualTo("the instance at 127.0.0.1:" + peer.port() + " answered 400: window must be one of "
                            + "the configured windows 1m: \"5m\"");
        }
    }

    @Test
    void aPeerThatNeverAnswersIsMissingAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {   // never accepts
            final HostInfo at = new HostInfo("127.0.0.1", silent.getLocalPort());
            final long t0 = System.nanoTime();
            final LiveState state = peers.state(at, "NYA", "1m");
            final LiveIndices indices = peers.indices(at).join();
            final Duration took = Duration.ofNanos(System.nanoTime() - t0);
            final String expected = "the instance at 127.0.0.1:" + silent.getLocalPort() + " did not answer within "
                    + PeerLiveBars.TIMEOUT.toMillis() + " ms";
            assertThat(state).isEqualTo(LiveState.missing(expected));
            assertThat(indices).isEqualTo(LiveIndices.missing(expected));
            assertThat(took).isLessThan(WITHIN.multipliedBy(2));
        }
    }

    @Test
    void aPortNobodyListensOnIsMissing() throws Exception {
        final int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        final long t0 = System.nanoTime();
        final LiveState state = peers.state(new HostInfo("127.0.0.1", port), "NYA", "1m");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(WITHIN);
        assertThat(state.missing()).startsWith("the instance at 127.0.0.1:" + port + " did not answer");
        assertThat(state.openBar()).isEmpty();
        assertThat(state.latestFinalBar()).isEmpty();
    }

    private DuckDbBarsReader noHistory() {
        return new DuckDbBarsReader(() -> {
            throw new IllegalStateException("no lake in this test");
        }, Map.of("1m", "ohlc_1m"), "ohlc_1m", Clock.systemUTC());
    }
}
