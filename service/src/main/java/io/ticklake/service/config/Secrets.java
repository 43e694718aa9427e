package io.ticklake.service.config;

import java.util.Locale;

/** Which configuration values must never be logged or served. */
public final class Secrets {
    private Secrets() {
    }

    /** Whether the value of {@code key} is a secret (passwords, JAAS config, keys, tokens). */
    public static boolean isSecret(final String key) {
        final String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.contains("credentials") || k.endsWith(".key") || k.contains("key.id") && !k.contains("kms");
    }
}
