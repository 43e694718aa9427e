package io.ticklake.service.config;

import java.time.Duration;

/**
 * The in-service compaction ({@code compaction.*} keys).
 *
 * @param interval    time between runs
 * @param grace       how long after the end of its date (UTC) a partition counts as closed
 * @param targetBytes largest compacted file made of several inputs
 */
public record CompactionSettings(boolean enabled, Duration interval, Duration grace, long targetBytes) {
}
