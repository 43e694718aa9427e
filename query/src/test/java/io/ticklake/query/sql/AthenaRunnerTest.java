package io.ticklake.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ticklake.sink.testing.MotoServer;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

class AthenaRunnerTest {
    private static MotoServer moto;
    private static AthenaClient athena;
    private AthenaRunner runner;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.shared();
        athena = AthenaClient.builder().endpointOverride(moto.endpoint()).region(moto.region())
                .credentialsProvider(moto.credentials()).build();
    }

    @AfterAll
    static void stopMoto() {
        if (athena != null) {
            athena.close();
        }
    }

    @BeforeEach
    void setUp() {
        moto.reset();
        runner = new AthenaRunner(athena, AthenaSettings.of("primary", "s3://results/athena/", "ticklake")
                .withPolling(Duration.ofMillis(10), Duration.ofMillis(40)), Clock.systemUTC());
    }

    @AfterEach
    void progressImmediately() {
        moto.athenaProgressAfterPolls(0);
    }

    private static String column(final String name, final String type) {
        return "{\"Name\":\"" + name + "\",\"Label\":\"" + name + "\",\"Type\":\"" + type + "\"}";
    }

    private static String row(final String... values) {
        final StringBuilder b = new StringBuilder("{\"Data\":[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i] == null ? "{}" : "{\"VarCharValue\":\"" + values[i] + "\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void returnsRowsWithoutTheHeaderRowAndStatistics() {
        moto.queueAthenaResults("[{\"rows\":[" + row("index", "close") + "," + row("NYA", "16555.66") + ","
                + row("N225", null) + "],\"column_info\":[" + column("index", "varchar") + ","
                + column("close", "double") + "]}]");

        final QueryResult result = runner.query("SELECT \"index\", close FROM rollup_ohlc_1d");

        assertThat(result.columns()).containsExactly("index", "close");
        assertThat(result.types()).containsExactly("varchar", "double");
        assertThat(result.rows()).containsExactly(List.of("NYA", "16555.66"), java.util.Arrays.asList("N225", null));
        assertThat(result.bytesScanned()).isZero();
        assertThat(result.engineTime()).isEqualTo(Duration.ZERO);
        assertThat(ResultFormatter.format(result, ResultFormatter.Format.JSON))
                .contains("{\"index\": \"NYA\", \"close\": 16555.66}");
    }

    @Test
    void readsEveryRowOfALargeResult() {
        final StringBuilder rows = new StringBuilder(row("n"));
        for (int i = 0; i < 2500; i++) {
            rows.append(',').append(row(Integer.toString(i)));
        }
        moto.queueAthenaResults("[{\"rows\":[" + rows + "],\"column_info\":[" + column("n", "integer") + "]}]");

        final QueryResult result = runner.query("SELECT n FROM t");

        assertThat(result.rows()).hasSize(2500);
        assertThat(result.rows().get(2499)).containsExactly("2499");
    }

    @Test
    void waitsThroughQueuedAndRunningWithBackoff() {
        moto.athenaProgressAfterPolls(3);
        moto.queueAthenaResults("[{\"rows\":[" + row("x") + "," + row("1") + "],\"column_info\":["
                + column("x", "integer") + "]}]");

        final QueryResult result = runner.query("SELECT 1 AS x");

        assertThat(result.rows()).containsExactly(List.of("1"));
    }

    @Test
    void interruptCancelsTheQuery() {
        moto.athenaProgressAfterPolls(1_000_000);
        final AtomicReference<Thread> worker = new AtomicReference<>();
        final String id = runner.start("SELECT * FROM ticks");
        final CompletableFuture<QueryExecution> waiting = CompletableFuture.supplyAsync(() -> {
            worker.set(Thread.currentThread());
            return runner.await(id);
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> worker.get() != null);
        worker.get().interrupt();

        assertThatThrownBy(waiting::join).hasCauseInstanceOf(SqlException.class)
                .hasMessageContaining("cancelled");
        assertThat(athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status().state())
                .isEqualTo(QueryExecutionState.CANCELLED);
    }

    @Test
    void apiErrorsAreSurfacedAsSqlException() {
        assertThatThrownBy(() -> runner.await("00000000-0000-0000-0000-000000000000"))
                .isInstanceOf(SqlException.class).hasMessageStartingWith("Athena");
    }

    @Test
    void failedQueryCarriesAthenasReasonVerbatim() {
        final QueryExecution failed = QueryExecution.builder().queryExecutionId("q-1")
                .status(s -> s.state(QueryExecutionState.FAILED)
                        .stateChangeReason("COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved")
                        .athenaError(AthenaError.builder().errorType(1006).build()))
                .build();

        assertThat(AthenaRunner.failure(failed)).hasMessage(
                "Athena query q-1 FAILED: COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved (error type 1006)");
    }
}
