package io.ticklake.app.cli;

/** Process exit codes of every command. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A runtime failure (Kafka unreachable, I/O error, …). */
    public static final int RUNTIME = 1;
    /** Bad arguments or bad configuration: nothing was started. */
    public static final int USAGE = 2;
    /** Stopped by SIGINT or SIGTERM before the work was done (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
