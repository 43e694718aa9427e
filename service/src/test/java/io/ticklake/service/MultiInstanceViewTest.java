package io.ticklake.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticklake.data.IndexInfo;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.json.TickCodec;
import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.service.config.AppConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, point 4 (several instances, one view): two {@code run} instances of one application id
 * share the partitions of {@code ticks-raw}; the API of either shows every index with live bars and the
 * latest and open bar of an index whose partition the other instance holds (interactive queries
 * through {@code application.server}). Each instance has its own lake, and the sink does not roll during
 * the test, so no index can come from history: what is seen is the live view. A third instance that
 * never answers is named as missing, without holding up the answer.
 */
class MultiInstanceViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAW = "ticks-raw";
    private static final long T0 = Instant.parse("2021-05-28T14:30:00Z").toEpochMilli();
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void eachInstanceShowsEveryIndexAndTheBarsTheOtherHolds() throws Exception {
        final Map<String, Integer> indices = indicesCoveringEveryPartition();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             TickLakeService a = new TickLakeService(config(kafka, "a"), Clock.systemUTC(), List.of()).start();
             TickLakeService b = new TickLakeService(config(kafka, "b"), Clock.systemUTC(), List.of()).start();
             KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            await("both instances ready, sharing the partitions").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200)).until(() -> sharing(a, b));

            final Map<String, Double> firstPrice = new LinkedHashMap<>();
            final Map<String, Double> secondPrice = new LinkedHashMap<>();
            int i = 0;
            for (final String index : indices.keySet()) {
                firstPrice.put(index, 100.0 + i);
                secondPrice.put(index, 200.0 + i);
                send(producer, index, T0 + 1_000, firstPrice.get(index));
                i++;
            }
            for (final String index : indices.keySet()) {   // a minute later: closes each index's first bar
                send(producer, index, T0 + 61_000, secondPrice.get(index));
            }

            for (final TickLakeService instance : List.of(a, b)) {
                await("every index in /api/indices of the instance on port " + instance.httpPort())
                        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> assertThat(indexNames(instance)).containsAll(indices.keySet()));
            }
            for (final TickLakeService asked : List.of(a, b)) {
                final TickLakeService other = asked == a ? b : a;
                final Set<Integer> otherHolds = activePartitions(other);
                final String index = indices.entrySet().stream().filter(e -> otherHolds.contains(e.getValue()))
                        .map(Map.Entry::getKey).findFirst().orElseThrow();
                await("the bars of " + index + " (held by the other instance) in /api/stream")
                        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> {
                            final Map<Boolean, JsonNode> bars = streamedBars(asked, index);
                            assertThat(bars).containsKeys(true, false);
                            assertThat(bars.get(false).get("time").asLong()).isEqualTo(T0);
                            assertThat(bars.get(false).get("close").asDouble()).isEqualTo(firstPrice.get(index));
                            assertThat(bars.get(true).get("time").asLong()).isEqualTo(T0 + 60_000);
                            assertThat(bars.get(true).get("close").asDouble()).isEqualTo(secondPrice.get(index));
                        });
            }
            assertThat(json(a, "/api/indices").get("missing")).as("nothing missing").isEmpty();

            aThirdInstanceThatDoesNotAnswerIsNamedAsMissing(kafka, a, b, indices);
        }
    }

    /**
     * A third instance whose {@code application.server} accepts connections but never answers takes a
     * partition: the others still answer at once, listing what they can and naming it as missing.
     */
    private void aThirdInstanceThatDoesNotAnswerIsNamedAsMissing(final EmbeddedKafka kafka, final TickLakeService a,
                                                                final TickLakeService b,
                                                                final Map<String, Integer> indices) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TickLakeService c = new TickLakeService(config(kafka, "c",
                     Map.of("streams.application.server", "127.0.0.1:" + silent.getLocalPort())), Clock.systemUTC(),
                     List.of()).start()) {
            final String missing = "the instance at 127.0.0.1:" + silent.getLocalPort() + " did not answer";
            await("three instances ready, one partition each").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Stream.of(a, b, c).allMatch(s -> s.health().ready() && activePartitions(s).size() == 1));
            final Set<Integer> ofC = activePartitions(c);
            final Set<String> notOnC = indices.entrySet().stream().filter(e -> !ofC.contains(e.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            final String onC = indices.entrySet().stream().filter(e -> ofC.contains(e.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            await("/api/indices of a names the silent instance").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        final long t0 = System.nanoTime();
                        final JsonNode body = json(a, "/api/indices");
                        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
                        assertThat(body.get("missing").toString()).contains(missing);
                        final Set<String> names = new TreeSet<>();
                        body.get("indices").forEach(n -> names.add(n.get("index").asText()));
                        assertThat(names).containsAll(notOnC);
                    });
            await("/api/stream of b says the bars of " + onC + " are missing").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(firstMissingEvent(b, onC)).contains(missing));
        }
    }

    /** Indices of the reference data, enough to put at least one on each partition of {@code ticks-raw}. */
    private static Map<String, Integer> indicesCoveringEveryPartition() {
        final Map<String, Integer> chosen = new LinkedHashMap<>();
        final Set<Integer> covered = new HashSet<>();
        for (final IndexInfo info : ReferenceData.builtIn().all()) {
            final int partition = partitionOf(info.index());
            if (covered.add(partition) || chosen.size() < LocalPipeline.PARTITIONS + 1) {
                chosen.put(info.index(), partition);
            }
        }
        assertThat(covered).as("the reference data's indices cover every partition").hasSize(LocalPipeline.PARTITIONS);
        return chosen;
    }

    /** The default partitioner's choice for a record keyed by {@code index} (as {@code replay} keys them). */
    private static int partitionOf(final String index) {
        return Utils.toPositive(Utils.murmur2(index.getBytes(StandardCharsets.UTF_8))) % LocalPipeline.PARTITIONS;
    }

    private AppConfig config(final EmbeddedKafka kafka, final String name) {
        return config(kafka, name, Map.of());
    }

    private AppConfig config(final EmbeddedKafka kafka, final String name, final Map<String, String> more) {
        final Map<String, String> overrides = new LinkedHashMap<>(more);
        overrides.put("topology.window.1m.grace.ms", "0");
        overrides.put("sink.roll.max.age.ms", "3600000");   // no file lands in the lake while the test runs
        overrides.put("streams.session.timeout.ms", "10000");
        return AppConfig.of(LocalPipeline.settings(kafka.bootstrapServers(), dir.resolve("lake-" + name),
                dir.resolve("state-" + name), "ticklake-multi", 0, overrides));
    }

    private static boolean sharing(final TickLakeService a, final TickLakeService b) {
        if (!a.health().ready() || !b.health().ready()) {
            return false;
        }
        final Set<Integer> ofA = activePartitions(a);
        final Set<Integer> ofB = activePartitions(b);
        final Set<Integer> all = new TreeSet<>(ofA);
        all.addAll(ofB);
        return !ofA.isEmpty() && !ofB.isEmpty() && all.size() == LocalPipeline.PARTITIONS
                && ofA.size() + ofB.size() == LocalPipeline.PARTITIONS;
    }

    /** The partitions of {@code ticks-raw} whose active task runs on {@code service}. */
    private static Set<Integer> activePartitions(final TickLakeService service) {
        final Optional<KafkaStreams> ks = service.streams().streams();
        if (ks.isEmpty() || ks.get().state() != KafkaStreams.State.RUNNING) {
            return Set.of();
        }
        return ks.get().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream()).filter(tp -> tp.topic().equals(RAW))
                .map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> indexNames(final TickLakeService service) throws Exception {
        final Set<String> names = new TreeSet<>();
        json(service, "/api/indices").get("indices").forEach(n -> names.add(n.get("index").asText()));
        return names;
    }

    private JsonNode json(final TickLakeService service, final String path) throws Exception {
        final HttpResponse<String> r = http.send(get(service, path), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The {@code missing} text of the first {@code event: missing} of {@code /api/stream}; empty if the stream ends first. */
    private String firstMissingEvent(final TickLakeService service, final String index) throws Exception {
        final HttpResponse<InputStream> r = http.send(get(service, "/api/stream?index=" + index + "&window=1m"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String event = "";
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring("event: ".length());
                } else if (line.startsWith("data: ") && event.equals("missing")) {
                    return JSON.readTree(line.substring("data: ".length())).get("missing").asText();
                }
            }
        }
        return "";
    }

    /**
     * The first bars {@code /api/stream} sends for {@code index} in {@code 1m}, by {@code live}: the stream
     * sends the latest closed bar and the open bar at once when it has them.
     */
    private Map<Boolean, JsonNode> streamedBars(final TickLakeService service, final String index) throws Exception {
        final HttpResponse<InputStream> r = http.send(get(service, "/api/stream?index=" + index + "&window=1m"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        final Map<Boolean, JsonNode> bars = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            final List<String> events = new ArrayList<>();
            String line;
            while (bars.size() < 2 && (line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    events.add(line.substring("event: ".length()));
                } else if (line.startsWith("data: ") && !events.isEmpty() && events.get(events.size() - 1).equals("bar")) {
                    final JsonNode bar = JSON.readTree(line.substring("data: ".length()));
                    bars.put(bar.get("live").asBoolean(), bar);
                }
            }
        }
        return bars;
    }

    private static HttpRequest get(final TickLakeService service, final String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build();
    }

    private static void send(final KafkaProducer<byte[], byte[]> producer, final String index, final long ts,
                             final double price) throws Exception {
        producer.send(new ProducerRecord<>(RAW, index.getBytes(StandardCharsets.UTF_8),
                TickCodec.encode(new Tick(index, ts, price, 10)))).get();
    }

    private static KafkaProducer<byte[], byte[]> producer(final EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
