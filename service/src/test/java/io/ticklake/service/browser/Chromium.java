package io.ticklake.service.browser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for browser tests: Debian's {@code chromium} package, installed with
 * {@code apt-get install -y chromium} (through {@code sudo} when not root) when it is not on the PATH.
 * When it still cannot be had, {@link #start} throws an {@link AssertionError}: the test fails, it is
 * never skipped. Started with {@code --remote-debugging-port=0}; {@link #devToolsPort()} reads the port
 * Chromium chose from its {@code DevToolsActivePort} file.
 */
final class Chromium implements AutoCloseable {
    private final Process process;
    private final Path profile;
    private final int port;

    private Chromium(final Process process, final Path profile, final int port) {
        this.process = process;
        this.profile = profile;
        this.port = port;
    }

    static Chromium start(final Path profile, final int width, final int height) throws IOException, InterruptedException {
        final Path binary = binary().orElseGet(Chromium::install);
        final List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--window-size=" + width + "," + height, "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile));
        if (isRoot()) {
            cmd.add("--no-sandbox");   // Chromium refuses to run its sandbox as root (CI runs as root)
        }
        cmd.add("about:blank");
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        final Path portFile = profile.resolve("DevToolsActivePort");
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("Chromium did not start: " + Files.readString(profile.resolveSibling("chromium.log")));
            }
            TimeUnit.MILLISECONDS.sleep(50);   // polling a file Chromium writes; no event to wait on
        }
        return new Chromium(p, profile, Integer.parseInt(Files.readAllLines(portFile).get(0).strip()));
    }

    int devToolsPort() {
        return port;
    }

    private static Optional<Path> binary() {
        for (final String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            for (final String name : List.of("chromium", "chromium-browser")) {
                final Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static Path install() {
        apt("update", "-q");   // a fresh machine may have no package lists yet
        apt("install", "-y", "-q", "chromium");
        return binary().orElseThrow(() -> new AssertionError("chromium installed but not on the PATH"));
    }

    private static void apt(final String... args) {
        final List<String> cmd = new ArrayList<>();
        if (!isRoot()) {
            cmd.add("sudo");
            cmd.add("-n");
        }
        cmd.add("apt-get");
        cmd.addAll(List.of(args));
        try {
            final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            final Process p = pb.start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError("chromium is not on the PATH and `" + String.join(" ", cmd) + "` failed: " + out);
            }
        } catch (IOException e) {
            throw new AssertionError("chromium is not on the PATH and `" + String.join(" ", cmd) + "` could not run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted installing chromium");
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
