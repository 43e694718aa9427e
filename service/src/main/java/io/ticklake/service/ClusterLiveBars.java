package io.ticklake.service;

import io.ticklake.service.http.page.LiveBars;
import io.ticklake.service.http.page.LiveIndices;
import io.ticklake.service.http.page.LiveState;
import io.ticklake.topology.TickTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link LiveBars} of the whole application (several instances, one view): an index's bars are read
 * where its partition is — this instance's stores ({@link StreamsLiveBars}) or the instance Kafka Streams'
 * metadata names ({@link KafkaStreams#queryMetadataForKey}, found through each instance's
 * {@code application.server}), asked over HTTP ({@link PeerLiveBars}). The indices are this instance's and
 * every other instance's that holds tasks, asked at once. What cannot be had (an instance that does not
 * answer, an owner not known during a rebalance) is reported as missing, never as an error.
 */
final class ClusterLiveBars implements LiveBars {
    /**
     * The key the stores are partitioned by: ticks are keyed by their index symbol as a UTF-8 string
     * ({@code ticks-raw} contract), and each store lives in the task of that key's partition.
     */
    private static final Serializer<String> KEYS = new StringSerializer();
    private final StreamsRunner streams;
    private final LiveBars local;
    private final HostInfo self;
    private final PeerLiveBars peers;

    /** @param self this instance's {@code application.server} */
    ClusterLiveBars(final StreamsRunner streams, final LiveBars local, final HostInfo self, final PeerLiveBars peers) {
        this.streams = streams;
        this.local = local;
        this.self = self;
        this.peers = peers;
    }

    @Override
    public LiveState state(final String index, final String window) {
        final Optional<KafkaStreams> ks = running();
        if (ks.isEmpty()) {
            return local.state(index, window);   // says why it has nothing
        }
        final KeyQueryMetadata owner = ks.get().queryMetadataForKey(TickTopology.BARS_STORE, index, KEYS);
        if (owner == null || owner == KeyQueryMetadata.NOT_AVAILABLE || owner.activeHost() == null
                || owner.activeHost().equals(HostInfo.unavailable())) {
            return LiveState.missing("the live bars of " + index + ": the instance holding its partition is not "
                    + "known now (Kafka Streams is rebalancing); retry");
        }
        return owner.activeHost().equals(self) ? local.state(index, window)
                : peers.state(owner.activeHost(), index, window);
    }

    @Override
    public LiveIndices indices() {
        final Optional<KafkaStreams> ks = running();
        if (ks.isEmpty()) {
            return local.indices();
        }
        final List<CompletableFuture<LiveIndices>> answers = new ArrayList<>();
        for (final StreamsMetadata m : ks.get().metadataForAllStreamsClients()) {
            if (!m.hostInfo().equals(self) && !m.topicPartitions().isEmpty()) {
                answers.add(peers.indices(m.hostInfo()));
            }
        }
        final TreeSet<String> indices = new TreeSet<>();
        final List<String> missing = new ArrayList<>();
        answers.add(CompletableFuture.completedFuture(local.indices()));
        for (final CompletableFuture<LiveIndices> answer : answers) {
            final LiveIndices a = answer.join();   // PeerLiveBars completes each within its timeout
            indices.addAll(a.indices());
            missing.addAll(a.missing());
        }
        return new LiveIndices(List.copyOf(indices), missing);
    }

    private Optional<KafkaStreams> running() {
        return streams.streams().filter(k -> k.state().isRunningOrRebalancing());
    }
}
