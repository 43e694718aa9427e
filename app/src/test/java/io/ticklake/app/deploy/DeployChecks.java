package io.ticklake.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ticklake.app.cli.RunCommand;
import io.ticklake.service.config.AppConfig;
import io.ticklake.service.config.Secrets;
import io.ticklake.service.http.AdminServer;
import io.ticklake.service.http.Health;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * What must hold of the deploy artifacts for the service to run as deployed. Each check fails
 * with an AssertionError (or the service's own {@code ConfigException}) naming what is wrong; the
 * tests run them on the repository's files and on broken copies.
 */
final class DeployChecks {
    /** {@code LakeSink.close()} waits at most this long for the sink's last flush and commit. */
    static final long SINK_CLOSE_BOUND_MS = 60_000;
    /** The heap the chaos suite proves the service under ({@code -Xmx384m}, docs/RELIABILITY.md). */
    static final long PROVEN_HEAP_BYTES = 384L * 1024 * 1024;
    /** Sample values of the downward API fields the pod's environment uses. */
    static final String SAMPLE_NAMESPACE = "default";
    private static final Pattern ENV_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Set<String> ALLOWED_RUN_OPTIONS = Set.of("--config", "--set");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DeployChecks() {
    }

    /** A pod's name: the StatefulSet's name and ordinal 0. */
    static String samplePodName(final DeployManifests m) {
        return m.statefulSet().path("metadata").path("name").asText() + "-0";
    }

    /**
     * The service's configuration exactly as pod 0 loads it: the container's arguments parsed by
     * the real {@code run} command, the ConfigMap file it names, the container's environment, all
     * through {@link AppConfig#load}. An unknown key fails here, as it would stop the pod.
     */
    static AppConfig podConfig(final DeployManifests m, final Path workDir) {
        final List<String> args = strings(m.container().path("args"));
        assertThat(args).as("container args").isNotEmpty().first().isEqualTo("run");
        final ParseResult parsed = new CommandLine(new RunCommand()).parseArgs(args.subList(1, args.size())
                .toArray(String[]::new));
        for (final OptionSpec option : parsed.matchedOptions()) {
            assertThat(ALLOWED_RUN_OPTIONS).as("run option %s: set config keys in the ConfigMap", option.longestName())
                    .contains(option.longestName());
        }
        final Path configPath = parsed.matchedOptionValue("--config", null);
        assertThat(configPath).as("run --config FILE").isNotNull();
        final Map<String, String> flags = parsed.matchedOptionValue("--set", new LinkedHashMap<String, String>());
        final Path file = write(workDir, configMapFile(m, configPath.toString()));
        return AppConfig.load(flags, podEnv(m), file).requireService();
    }

    /** Every {@code TICKLAKE_*} variable of the pod sets a config key (the loader would only warn). */
    static void everyEnvironmentVariableIsAKey(final DeployManifests m, final AppConfig config) {
        podEnv(m).keySet().stream().filter(n -> n.startsWith(AppConfig.ENV_PREFIX)).forEach(name -> {
            final String key = name.substring(AppConfig.ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            assertThat(config.describe()).as("%s must set a known config key", name).containsKey(key);
        });
    }

    /** The admin port: ConfigMap {@code http.port} = container port = Service target = scrape port. */
    static void portsAgree(final DeployManifests m, final AppConfig config) {
        final int port = config.httpPort();
        assertThat(port).as("http.port must be fixed in a pod (not 0)").isPositive();
        final JsonNode admin = namedPort(m, "admin");
        assertThat(admin.path("containerPort").asInt()).as("container port admin vs http.port").isEqualTo(port);
        for (final String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(resolvePort(m, m.container().path(probe).path("httpGet").path("port")))
                    .as("%s port", probe).isEqualTo(port);
        }
        final JsonNode servicePort = m.resource("Service").path("spec").path("ports").path(0);
        assertThat(resolvePort(m, servicePort.path("targetPort"))).as("Service targetPort").isEqualTo(port);
        assertThat(annotations(m).path("prometheus.io/port").asText()).as("prometheus.io/port")
                .isEqualTo(Integer.toString(port));
        final String dockerExpose = m.dockerfile().last("EXPOSE").orElse("");
        assertThat(dockerExpose.split("\\s+")).as("Dockerfile EXPOSE").contains(Integer.toString(port));
    }

    /** The probes and the scrape path answer on the real admin server with the meaning their names promise. */
    static void probesAnswer(final DeployManifests m) {
        final String live = m.container().path("livenessProbe").path("httpGet").path("path").asText();
        final String ready = m.container().path("readinessProbe").path("httpGet").path("path").asText();
        final String startup = m.container().path("startupProbe").path("httpGet").path("path").asText();
        final String metrics = annotations(m).path("prometheus.io/path").asText();
        assertThat(annotations(m).path("prometheus.io/scrape").asText()).isEqualTo("true");
        final AtomicReference<Health> health = new AtomicReference<>(new Health(true, true, Map.of()));
        final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("ticklake_deploy_check", () -> 1).description("a sample").register(meters);
        try (AdminServer server = AdminServer.start("127.0.0.1", 0, health::get, meters)) {
            final int port = server.port();
            assertThat(status(port, live)).as("liveness %s when live", live).isEqualTo(200);
            assertThat(status(port, ready)).as("readiness %s when ready", ready).isEqualTo(200);
            assertThat(status(port, startup)).as("startup %s when live", startup).isEqualTo(200);
            assertThat(body(port, metrics)).as("scrape %s", metrics).contains("ticklake_deploy_check 1");
            health.set(new Health(true, false, Map.of("streams", "REBALANCING")));
            assertThat(status(port, live)).as("liveness %s while rebalancing (restarting would not help)", live)
                    .isEqualTo(200);
            assertThat(status(port, ready)).as("readiness %s while rebalancing", ready).isEqualTo(503);
            health.set(new Health(false, false, Map.of("streams", "ERROR")));
            assertThat(status(port, live)).as("liveness %s after a fatal failure", live).isEqualTo(503);
        }
    }

    /** {@code state.dir} is on the volume from the claim template (and the Dockerfile's VOLUME). */
    static void stateOnVolume(final DeployManifests m, final AppConfig config) {
        final Path state = config.stateDir();
        final JsonNode mount = mountOf(m, state.toString());
        assertThat(mount).as("a volumeMount holding state.dir %s", state).isNotNull();
        final String volume = mount.path("name").asText();
        final List<String> claims = new ArrayList<>();
        m.statefulSet().path("spec").path("volumeClaimTemplates").forEach(c -> claims.add(c.path("metadata").path("name").asText()));
        assertThat(claims).as("state.dir's volume %s must come from a volumeClaimTemplate", volume).contains(volume);
        assertThat(m.dockerfile().last("VOLUME").orElse("")).as("Dockerfile VOLUME")
                .contains("\"" + mount.path("mountPath").asText() + "\"");
    }

    /** SIGKILL comes only after a graceful stop had all the time it may take. */
    static void graceCoversShutdown(final DeployManifests m, final AppConfig config) {
        final long graceMs = m.podSpec().path("terminationGracePeriodSeconds").asLong() * 1000;
        assertThat(graceMs).as("terminationGracePeriodSeconds vs shutdown.timeout.ms %d + sink close %d ms",
                config.closeTimeoutMs(), SINK_CLOSE_BOUND_MS)
                .isGreaterThan(config.closeTimeoutMs() + SINK_CLOSE_BOUND_MS);
    }

    /** No root: the image's USER, the pod's and the container's security context. */
    static void nonRoot(final DeployManifests m) {
        final String user = m.dockerfile().last("USER").orElse("root");
        final String uid = user.split(":")[0];
        assertThat(uid).as("Dockerfile USER").isNotIn("root", "0");
        final JsonNode pod = m.podSpec().path("securityContext");
        assertThat(pod.path("runAsNonRoot").asBoolean()).as("runAsNonRoot").isTrue();
        assertThat(pod.path("runAsUser").asText()).as("runAsUser = the image's uid").isEqualTo(uid);
        assertThat(pod.path("fsGroup").asText()).as("fsGroup (the state volume must be writable)")
                .isEqualTo(user.contains(":") ? user.split(":")[1] : uid);
        final JsonNode container = m.container().path("securityContext");
        assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    }

    /** java is PID 1 (exec-form ENTRYPOINT, not overridden), so SIGTERM reaches the JVM. */
    static void execEntrypoint(final DeployManifests m) {
        final List<String> entrypoint = m.dockerfile().execForm("ENTRYPOINT").orElse(null);
        assertThat(entrypoint).as("ENTRYPOINT in exec form (a JSON array)").isNotNull();
        assertThat(entrypoint.get(0)).as("the entrypoint's program").isEqualTo("java");
        assertThat(entrypoint).as("no shell in the entrypoint").noneMatch(a -> a.equals("sh") || a.equals("bash")
                || a.equals("-c") || a.endsWith("/sh"));
        assertThat(entrypoint).as("container-aware heap").anyMatch(a -> a.startsWith("-XX:MaxRAMPercentage="));
        final int jar = entrypoint.indexOf("-jar");
        assertThat(jar).as("-jar").isPositive();
        assertThat(m.dockerfile().all("COPY")).as("the jar copied to where -jar runs it")
                .contains("app/target/ticklake.jar " + entrypoint.get(jar + 1));
        assertThat(m.container().has("command")).as("the container must not replace the ENTRYPOINT").isFalse();
        assertThat(m.dockerfile().execForm("CMD").orElse(null)).as("CMD in exec form, equal to the pod's args")
                .isEqualTo(strings(m.container().path("args")));
        assertThat(m.dockerfile().last("FROM").orElse("")).as("a Java 17 JRE base").startsWith("eclipse-temurin:17-jre");
    }

    /** Each pod's application.server is its stable DNS name under the headless Service, on the admin port. */
    static void applicationServerIsPodDns(final DeployManifests m, final AppConfig config) {
        final JsonNode service = m.resource("Service");
        assertThat(service.path("spec").path("clusterIP").asText()).as("headless Service").isEqualTo("None");
        final String serviceName = service.path("metadata").path("name").asText();
        assertThat(m.statefulSet().path("spec").path("serviceName").asText()).isEqualTo(serviceName);
        assertThat(config.streamsProps().getProperty("application.server"))
                .isEqualTo(samplePodName(m) + "." + serviceName + "." + SAMPLE_NAMESPACE + ".svc.cluster.local:"
                        + config.httpPort());
    }

    /** Credentials from the pod's IAM role: an IRSA service account, no keys or passwords anywhere. */
    static void credentialsFromRole(final DeployManifests m, final AppConfig config) {
        final JsonNode account = m.resource("ServiceAccount");
        assertThat(m.podSpec().path("serviceAccountName").asText()).isEqualTo(account.path("metadata").path("name").asText());
        assertThat(account.path("metadata").path("annotations").path("eks.amazonaws.com/role-arn").asText())
                .as("IRSA role annotation").startsWith("arn:aws:iam::");
        assertThat(podEnv(m).keySet()).as("no AWS keys in the pod's environment")
                .doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        config.describe().keySet().stream().filter(Secrets::isSecret).forEach(key -> {
            final String value = config.get(key) == null ? "" : config.get(key).toLowerCase(Locale.ROOT);
            assertThat(key.contains("jaas") && !value.contains("password") && !value.contains("secret"))
                    .as("a secret in the manifests: %s (use the IAM role, or a Secret)", key).isTrue();
        });
    }

    /** The heap the image derives from the memory limit is at least what the service is proven under. */
    static void heapFitsLimit(final DeployManifests m) {
        final long limit = bytes(m.container().path("resources").path("limits").path("memory").asText());
        final long request = bytes(m.container().path("resources").path("requests").path("memory").asText());
        assertThat(request).as("memory request = limit (the heap is sized from the limit)").isEqualTo(limit);
        final double percent = m.dockerfile().execForm("ENTRYPOINT").orElseThrow().stream()
                .filter(a -> a.startsWith("-XX:MaxRAMPercentage=")).map(a -> Double.parseDouble(a.split("=")[1]))
                .findFirst().orElseThrow();
        assertThat((long) (limit * percent / 100)).as("heap = limit x MaxRAMPercentage").isGreaterThanOrEqualTo(PROVEN_HEAP_BYTES);
    }

    // --- helpers

    /** The container's environment as pod 0 sees it: downward API fields sampled, $(VAR) expanded. */
    static Map<String, String> podEnv(final DeployManifests m) {
        final Map<String, String> env = new LinkedHashMap<>();
        for (final JsonNode e : m.container().path("env")) {
            final String name = e.path("name").asText();
            final String field = e.path("valueFrom").path("fieldRef").path("fieldPath").asText(null);
            if (field != null) {
                env.put(name, switch (field) {
                    case "metadata.name" -> samplePodName(m);
                    case "metadata.namespace" -> SAMPLE_NAMESPACE;
                    default -> throw new AssertionError("unexpected downward API field " + field);
                });
            } else {
                assertThat(e.has("value")).as("env %s: a value or a fieldRef", name).isTrue();
                env.put(name, expand(e.path("value").asText(), env));
            }
        }
        return env;
    }

    private static String expand(final String value, final Map<String, String> defined) {
        final Matcher matcher = ENV_REF.matcher(value);
        final StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            final String ref = defined.get(matcher.group(1));
            assertThat(ref).as("$(%s) must be defined before it is used", matcher.group(1)).isNotNull();
            matcher.appendReplacement(out, Matcher.quoteReplacement(ref));
        }
        return matcher.appendTail(out).toString();
    }

    /** The ConfigMap key behind {@code path}: its directory is a ConfigMap volume's mount. */
    private static String configMapFile(final DeployManifests m, final String path) {
        final Path file = Path.of(path);
        final JsonNode mount = mountOf(m, path);
        assertThat(mount).as("a volumeMount holding %s", path).isNotNull();
        assertThat(Path.of(mount.path("mountPath").asText())).as("the config file's directory").isEqualTo(file.getParent());
        final String volume = mount.path("name").asText();
        JsonNode configMap = null;
        for (final JsonNode v : m.podSpec().path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                configMap = v.path("configMap");
            }
        }
        assertThat(configMap).as("volume %s", volume).isNotNull();
        assertThat(configMap.path("name").asText()).as("the ConfigMap of volume %s", volume)
                .isEqualTo(m.resource("ConfigMap").path("metadata").path("name").asText());
        assertThat(file.getFileName().toString()).isEqualTo(DeployManifests.PROPERTIES_KEY);
        return m.properties();
    }

    /** The volumeMount whose path contains {@code path}, the deepest if several. */
    private static JsonNode mountOf(final DeployManifests m, final String path) {
        JsonNode best = null;
        for (final JsonNode mount : m.container().path("volumeMounts")) {
            final Path mp = Path.of(mount.path("mountPath").asText());
            if (Path.of(path).startsWith(mp) && (best == null || mp.getNameCount()
                    > Path.of(best.path("mountPath").asText()).getNameCount())) {
                best = mount;
            }
        }
        return best;
    }

    private static JsonNode namedPort(final DeployManifests m, final String name) {
        for (final JsonNode p : m.container().path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no container port named " + name);
    }

    private static int resolvePort(final DeployManifests m, final JsonNode port) {
        return port.isInt() ? port.asInt() : namedPort(m, port.asText()).path("containerPort").asInt();
    }

    private static JsonNode annotations(final DeployManifests m) {
        return m.statefulSet().path("spec").path("template").path("metadata").path("annotations");
    }

    private static List<String> strings(final JsonNode array) {
        final List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static long bytes(final String quantity) {
        final Matcher q = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
        assertThat(q.matches()).as("memory quantity %s", quantity).isTrue();
        final long n = Long.parseLong(q.group(1));
        return q.group(2) == null ? n : switch (q.group(2)) {
            case "Ki" -> n << 10;
            case "Mi" -> n << 20;
            default -> n << 30;
        };
    }

    private static Path write(final Path dir, final String properties) {
        try {
            return Files.writeString(dir.resolve(DeployManifests.PROPERTIES_KEY), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int status(final int port, final String path) {
        return get(port, path).statusCode();
    }

    private static String body(final int port, final String path) {
        final HttpResponse<String> r = get(port, path);
        assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> get(final int port, final String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
