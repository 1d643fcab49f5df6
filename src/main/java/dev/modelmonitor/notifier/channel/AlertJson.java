package dev.modelmonitor.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertContext;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stable JSON shape of the webhook (version {@value #VERSION}); documented in the README.
 * Every field is always present (null when unknown); new fields may be added, none removed.
 */
public final class AlertJson {
  public static final String VERSION = "1";
  static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  /** The webhook body of a notification. */
  public static ObjectNode envelope(Notification n) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    root.put("receiver", n.receiver());
    root.put("status", n.status().name());
    root.put("modelId", n.modelId());
    root.put("repeat", n.repeat());
    root.put("idempotencyKey", n.idempotencyKey());
    ArrayNode alerts = root.putArray("alerts");
    n.alerts().forEach(a -> alerts.add(alert(a)));
    return root;
  }

  /** One alert. */
  public static ObjectNode alert(Alert a) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("idempotencyKey", Notification.idempotencyKey(a));
    o.put("alertId", a.getAlertId());
    o.put("ruleId", a.getRuleId());
    o.put("modelId", a.getModelId());
    o.put("modelVersion", a.getModelVersion());
    o.put("severity", a.getSeverity());
    o.put("status", a.getStatus().name());
    o.put("metric", a.getMetric());
    o.put("op", a.getOp());
    o.put("value", a.getValue());
    o.put("valueText", a.getValueText());
    o.put("threshold", a.getThreshold());
    o.put("startsAt", instant(a.getStartsAt()));
    o.put("endsAt", instant(a.getEndsAt()));
    o.put("emittedAt", instant(a.getEmittedAt()));
    o.put("summary", a.getSummary());
    o.put("description", a.getDescription());
    ObjectNode labels = o.putObject("labels");
    for (Map.Entry<String, String> e : new TreeMap<>(a.getLabels()).entrySet()) {
      labels.put(e.getKey(), e.getValue());
    }
    ArrayNode context = o.putArray("context");
    for (AlertContext c : a.getContext()) {
      ObjectNode item = context.addObject();
      item.put("name", c.getName());
      item.put("score", c.getScore());
      item.put("reference", c.getReference());
      item.put("current", c.getCurrent());
      item.put("detail", c.getDetail());
    }
    o.put("url", a.getUrl());
    return o;
  }

  static String instant(Instant t) {
    return t == null ? null : t.toString();
  }
}
