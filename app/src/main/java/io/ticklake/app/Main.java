package io.ticklake.app;

import io.ticklake.app.cli.TickLakeCommand;

/** The process entry point: runs the CLI and exits with its code. The only {@code System.exit} in ticklake. */
public final class Main {
    private Main() {
    }

    public static void main(final String[] args) {
        System.exit(TickLakeCommand.execute(args));
    }
}
