package io.ticklake.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds TCP ports on 127.0.0.1 that are free right now. */
final class FreePorts {

    private FreePorts() {
    }

    /** A port the OS reports free; another process may still take it before the broker binds. */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** A free port different from {@code taken}. */
    static int pickOtherThan(final int taken) {
        int port = pick();
        while (port == taken) {
            port = pick();
        }
        return port;
    }

    /** True when nothing listens on {@code port} of 127.0.0.1 (so the broker can bind it). */
    static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
