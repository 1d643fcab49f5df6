package dev.modelmonitor.alerts;

import dev.modelmonitor.alerts.rules.Rule;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One alert's episode for a model: PENDING while the condition holds for less than the rule's
 * {@code for}, then FIRING until it clears. Absent means inactive. It remembers what it fired
 * with, so it can still be resolved when its rule has been deleted meanwhile.
 */
final class Episode {
  final String alertId;
  final String ruleId;
  /** Model time the condition started to hold. */
  long pendingSince;
  boolean firing;
  /** Model time it fired. */
  long firedAt;
  String severity;
  String metric;
  String op;
  Double threshold;
  String summary;
  Map<String, String> labels = new HashMap<>();

  Episode(String alertId, String ruleId, long pendingSince) {
    this.alertId = alertId;
    this.ruleId = ruleId;
    this.pendingSince = pendingSince;
  }

  /** Records what the rule was when the episode fired. */
  void fired(long at, Rule rule, String renderedSummary, Map<String, String> alertLabels) {
    firing = true;
    firedAt = at;
    severity = rule.severity().label();
    metric = rule.metric().name();
    op = rule.op().symbol();
    threshold = rule.threshold();
    summary = renderedSummary;
    labels = new HashMap<>(alertLabels);
  }

  void write(DataOutput out) throws IOException {
    out.writeUTF(alertId);
    out.writeUTF(ruleId);
    out.writeLong(pendingSince);
    out.writeBoolean(firing);
    out.writeLong(firedAt);
    Codec.writeString(out, severity);
    Codec.writeString(out, metric);
    Codec.writeString(out, op);
    out.writeBoolean(threshold != null);
    if (threshold != null) {
      out.writeDouble(threshold);
    }
    Codec.writeString(out, summary);
    out.writeInt(labels.size());
    for (Map.Entry<String, String> e : labels.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  static Episode read(DataInput in) throws IOException {
    Episode e = new Episode(in.readUTF(), in.readUTF(), in.readLong());
    e.firing = in.readBoolean();
    e.firedAt = in.readLong();
    e.severity = Codec.readString(in);
    e.metric = Codec.readString(in);
    e.op = Codec.readString(in);
    if (in.readBoolean()) {
      e.threshold = in.readDouble();
    }
    e.summary = Codec.readString(in);
    int labels = in.readInt();
    for (int i = 0; i < labels; i++) {
      e.labels.put(in.readUTF(), in.readUTF());
    }
    return e;
  }
}
