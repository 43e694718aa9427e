package io.ticklake.app.chaos;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Read-only looks at consumer groups and topic ends through the Admin client: who in a group owns
 * which partitions (the Streams group and the sink group of a run), and where a topic ends.
 */
final class GroupProbe implements AutoCloseable {
    private final Admin admin;

    GroupProbe(final String bootstrapServers) {
        final Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        this.admin = Admin.create(p);
    }

    /** One member of a group and the partitions assigned to it. */
    record Member(String memberId, String clientId, Set<TopicPartition> partitions) {
    }

    /** A group as the coordinator describes it now. */
    record Group(String state, List<Member> members) {
        /** Stable, with {@code n} members, each owning at least one partition, {@code partitions} owned in all. */
        boolean sharedBy(final int n, final int partitions) {
            return state.equalsIgnoreCase("STABLE") && members.size() == n
                    && members.stream().allMatch(m -> !m.partitions().isEmpty())
                    && members.stream().mapToInt(m -> m.partitions().size()).sum() == partitions;
        }

        /** Partitions per member, e.g. {@code [2, 1]}, largest first. */
        List<Integer> counts() {
            return members.stream().map(m -> m.partitions().size()).sorted((a, b) -> b - a).toList();
        }
    }

    /** The group now; an empty DEAD group when it cannot be described. */
    Group describe(final String group) {
        try {
            final ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return new Group(d.groupState().toString(), d.members().stream()
                    .map(m -> new Member(m.consumerId(), m.clientId(), Set.copyOf(m.assignment().topicPartitions())))
                    .toList());
        } catch (ExecutionException | TimeoutException e) {
            return new Group("UNKNOWN: " + e.getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The end of each partition of {@code topic}: the last stable offset for read_committed. */
    Map<Integer, Long> ends(final String topic, final int partitions, final IsolationLevel isolation) {
        final Map<TopicPartition, OffsetSpec> request = IntStream.range(0, partitions).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        try {
            final Map<Integer, Long> out = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> out.put(tp.partition(), info.offset()));
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read the end offsets of " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
