package dev.modelmonitor.alerts;

import dev.modelmonitor.schema.LifecycleState;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What the alerts know of one instance (container) of a model: its lifecycle, when it was last
 * heard from and when it last served a prediction.
 */
final class InstanceState {
  final String id;
  LifecycleState state;
  String reason;
  /** Wall-clock time of its latest event. */
  long lastSeenWall;
  /** Wall-clock time of its latest prediction, or of its first event before any prediction. */
  long lastPredictionWall;
  /** Model time it entered its state. */
  long stateSince;

  InstanceState(String id) {
    this.id = id;
  }

  void write(DataOutput out) throws IOException {
    out.writeUTF(id);
    Codec.writeString(out, state == null ? null : state.name());
    Codec.writeString(out, reason);
    out.writeLong(lastSeenWall);
    out.writeLong(lastPredictionWall);
    out.writeLong(stateSince);
  }

  static InstanceState read(DataInput in) throws IOException {
    InstanceState s = new InstanceState(in.readUTF());
    String state = Codec.readString(in);
    s.state = state == null ? null : LifecycleState.valueOf(state);
    s.reason = Codec.readString(in);
    s.lastSeenWall = in.readLong();
    s.lastPredictionWall = in.readLong();
    s.stateSince = in.readLong();
    return s;
  }
}
