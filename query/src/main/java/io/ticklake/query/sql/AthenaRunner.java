package io.ticklake.query.sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * Runs SQL on Amazon Athena: start the statement (workgroup, output location, database), poll its
 * state with exponential backoff, page through the results. A failed statement throws
 * {@link SqlException} with Athena's reason verbatim; an interrupted wait cancels the query.
 * Thread-safe (the SDK client is).
 */
public final class AthenaRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AthenaRunner.class);
    private static final int PAGE_SIZE = 1000;
    private final AthenaClient athena;
    private final AthenaSettings settings;
    private final Clock clock;

    /** Does not take ownership of {@code athena}. */
    public AthenaRunner(final AthenaClient athena, final AthenaSettings settings, final Clock clock) {
        this.athena = Objects.requireNonNull(athena, "athena");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The settings. */
    public AthenaSettings settings() {
        return settings;
    }

    /** Runs {@code sql} and returns all its rows, with bytes scanned and engine time. */
    public QueryResult query(final String sql) {
        final QueryExecution done = await(start(sql));
        return results(done);
    }

    /** Runs a statement whose rows do not matter (DDL, CTAS, INSERT) and returns its final state. */
    public QueryExecution execute(final String sql) {
        return await(start(sql));
    }

    /** Starts {@code sql} and returns the query execution id. */
    public String start(final String sql) {
        Objects.requireNonNull(sql, "sql");
        final StartQueryExecutionRequest.Builder request = StartQueryExecutionRequest.builder()
                .queryString(sql)
                .workGroup(settings.workgroup())
                .queryExecutionContext(c -> c.database(settings.database()).catalog(settings.catalog()));
        if (settings.outputLocation() != null) {
            request.resultConfiguration(r -> r.outputLocation(settings.outputLocation()));
        }
        try {
            final String id = athena.startQueryExecution(request.build()).queryExecutionId();
            LOG.debug("Athena query {} started", id);
            return id;
        } catch (AthenaException e) {
            throw new SqlException("Athena: " + message(e), e);
        }
    }

    /**
     * Waits until the query ends. Throws {@link SqlException} unless it SUCCEEDED (Athena's state
     * change reason verbatim); cancels it when the thread is interrupted or the timeout passes.
     */
    public QueryExecution await(final String queryId) {
        final Instant deadline = clock.instant().plus(settings.timeout());
        long pollMs = settings.pollMin().toMillis();
        while (true) {
            final QueryExecution execution;
            try {
                execution = execution(queryId);
            } catch (SdkException e) {
                if (interrupted(e)) {
                    throw cancelled(queryId, e);
                }
                throw e;
            }
            final QueryExecutionStatus status = execution.status();
            final QueryExecutionState state = status.state();
            if (state == QueryExecutionState.SUCCEEDED) {
                return execution;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw failure(execution);
            }
            if (clock.instant().isAfter(deadline)) {
                cancel(queryId);
                throw new SqlException("Athena query " + queryId + " timed out after " + settings.timeout()
                        + " and was cancelled");
            }
            try {
                Thread.sleep(pollMs); // polling a remote state; there is nothing to wait on locally
            } catch (InterruptedException e) {
                throw cancelled(queryId, e);
            }
            pollMs = Math.min(settings.pollMax().toMillis(), pollMs * 2);
        }
    }

    /** Cancels the query of an interrupted thread, keeping the interrupt status for the caller. */
    private SqlException cancelled(final String queryId, final Exception cause) {
        Thread.interrupted(); // the SDK refuses calls from an interrupted thread: cancel first
        cancel(queryId);
        Thread.currentThread().interrupt();
        return new SqlException("Athena query " + queryId + " cancelled: interrupted", cause);
    }

    private static boolean interrupted(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof software.amazon.awssdk.core.exception.AbortedException
                    || t.getClass().getSimpleName().equals("SdkInterruptedException")) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /** Asks Athena to stop a query; a failure to do so is logged, not thrown. */
    public void cancel(final String queryId) {
        try {
            athena.stopQueryExecution(b -> b.queryExecutionId(queryId));
            LOG.info("Athena query {} cancelled", queryId);
        } catch (SdkException e) {
            LOG.warn("cannot cancel Athena query {}: {}", queryId, e.getMessage());
        }
    }

    /** All rows of a finished query, every page, without Athena's header row. */
    public QueryResult results(final QueryExecution execution) {
        final String id = execution.queryExecutionId();
        final List<String> columns = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        final List<List<Object>> rows = new ArrayList<>();
        String token = null;
        boolean first = true;
        try {
            do {
                final GetQueryResultsResponse page = athena.getQueryResults(GetQueryResultsRequest.builder()
                        .queryExecutionId(id).maxResults(PAGE_SIZE).nextToken(token).build());
                if (first) {
                    for (final ColumnInfo c : page.resultSet().resultSetMetadata().columnInfo()) {
                        columns.add(c.label() != null ? c.label() : c.name());
                        types.add(c.type());
                    }
                }
                final List<Row> pageRows = page.resultSet().rows();
                for (int i = 0; i < pageRows.size(); i++) {
                    final List<Object> values = values(pageRows.get(i), columns.size());
                    if (first && i == 0 && isHeader(values, columns)) {
                        continue; // Athena repeats the column labels as the first row of a SELECT
                    }
                    rows.add(values);
                }
                first = false;
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        } catch (AthenaException e) {
            throw new SqlException("Athena: " + message(e), e);
        }
        final QueryExecutionStatistics stats = execution.statistics();
        final long bytes = stats == null || stats.dataScannedInBytes() == null ? -1 : stats.dataScannedInBytes();
        final long engineMs = stats == null || stats.engineExecutionTimeInMillis() == null ? 0
                : stats.engineExecutionTimeInMillis();
        return new QueryResult(columns, types, rows, bytes, Duration.ofMillis(engineMs));
    }

    /** The exception for a query that did not succeed, carrying Athena's reason verbatim. */
    static SqlException failure(final QueryExecution execution) {
        final QueryExecutionStatus status = execution.status();
        final StringBuilder msg = new StringBuilder("Athena query ").append(execution.queryExecutionId())
                .append(' ').append(status.stateAsString());
        if (status.stateChangeReason() != null) {
            msg.append(": ").append(status.stateChangeReason());
        }
        if (status.athenaError() != null && status.athenaError().errorType() != null) {
            msg.append(" (error type ").append(status.athenaError().errorType()).append(')');
        }
        return new SqlException(msg.toString());
    }

    private QueryExecution execution(final String queryId) {
        try {
            return athena.getQueryExecution(b -> b.queryExecutionId(queryId)).queryExecution();
        } catch (AthenaException e) {
            throw new SqlException("Athena: " + message(e), e);
        }
    }

    private static List<Object> values(final Row row, final int width) {
        final List<Object> values = new ArrayList<>(width);
        for (final Datum d : row.data()) {
            values.add(d.varCharValue());
        }
        while (values.size() < width) {
            values.add(null);
        }
        return values.size() > width ? values.subList(0, width) : values;
    }

    private static boolean isHeader(final List<Object> values, final List<String> columns) {
        return !columns.isEmpty() && values.equals(new ArrayList<Object>(columns));
    }

    private static String message(final AthenaException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }
}
