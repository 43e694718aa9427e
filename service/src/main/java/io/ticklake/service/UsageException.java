package io.ticklake.service;

/**
 * A user error found before any work started (bad flag value, bad configuration, missing file): the
 * CLI prints its message as one line and exits with {@link ExitCodes#USAGE}.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(final String message) {
        super(message);
    }

    public UsageException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
