package io.ticklake.poll;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the API key out of every log and error line: a URL is shown without its query values
 * ({@code https://www.alphavantage.co/query?function=***&symbol=***&apikey=***}) and any text has the key
 * (raw or URL-encoded) replaced by {@code ***}.
 */
public final class Redactor {
    private final String secret;
    private final String encoded;

    /** @param secret the API key, or empty */
    public Redactor(final String secret) {
        this.secret = secret == null ? "" : secret;
        this.encoded = URLEncoder.encode(this.secret, StandardCharsets.UTF_8);
    }

    /** {@code uri} with its query values and user info hidden. */
    public String uri(final URI uri) {
        final StringBuilder b = new StringBuilder();
        b.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            b.append(':').append(uri.getPort());
        }
        b.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        final String q = uri.getRawQuery();
        if (q != null && !q.isEmpty()) {
            b.append('?');
            final String[] params = q.split("&");
            for (int i = 0; i < params.length; i++) {
                final int eq = params[i].indexOf('=');
                b.append(i == 0 ? "" : "&").append(eq < 0 ? params[i] : params[i].substring(0, eq)).append("=***");
            }
        }
        return text(b.toString());
    }

    /** {@code s} with every occurrence of the key replaced. */
    public String text(final String s) {
        if (s == null || secret.isEmpty()) {
            return s;
        }
        return s.replace(secret, "***").replace(encoded, "***");
    }
}
