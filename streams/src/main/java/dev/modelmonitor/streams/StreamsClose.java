package dev.modelmonitor.streams;

import java.time.Duration;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;

/**
 * How the pipeline's Kafka Streams clients stop. By default a Streams client stays in its
 * consumer group when it closes (it expects to come back), so its tasks, and the check requests
 * of those tasks, wait for the session timeout (45 s by default) before another instance takes
 * them. Leaving the group hands them over at once; staying suits static membership ({@code
 * group.instance.id}), where an instance that restarts within the session keeps its tasks
 * without a rebalance.
 */
public final class StreamsClose {
  private StreamsClose() {}

  /** Close options that leave the group, waiting up to {@code timeout}. */
  public static CloseOptions leavingGroup(Duration timeout) {
    return of(true, timeout);
  }

  /** Close options that leave the group or stay in it, waiting up to {@code timeout}. */
  public static CloseOptions of(boolean leaveGroup, Duration timeout) {
    return CloseOptions.groupMembershipOperation(leaveGroup
            ? GroupMembershipOperation.LEAVE_GROUP
            : GroupMembershipOperation.REMAIN_IN_GROUP)
        .withTimeout(timeout);
  }
}
