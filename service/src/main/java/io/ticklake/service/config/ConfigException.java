package io.ticklake.service.config;

import io.ticklake.service.UsageException;

/** Invalid configuration: one line naming the key; the CLI exits with 2. */
public final class ConfigException extends UsageException {
    private static final long serialVersionUID = 1L;

    public ConfigException(final String message) {
        super(message);
    }

    public ConfigException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
