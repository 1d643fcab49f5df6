package dev.modelmonitor.alerts;

import dev.modelmonitor.alerts.rules.Rule;
import dev.modelmonitor.alerts.rules.RuleRecords;
import dev.modelmonitor.alerts.rules.RuleValidationException;
import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.topic.Topic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The rules in force as one stream task sees them: decoded from the global rules store, reloaded
 * when the store changed (each evaluation interval), and indexed by model.
 */
final class RuleBook {
  private record Entry(byte[] raw, Rule rule) {}

  private final Topic<AlertRule> topic;
  private Map<String, Entry> entries = new TreeMap<>();
  private final Map<String, List<Rule>> byModel = new HashMap<>();
  private long version;

  RuleBook(Topic<AlertRule> topic) {
    this.topic = topic;
  }

  /** Reloads from {@code store}; true when a rule was added, changed or removed. */
  boolean refresh(ReadOnlyKeyValueStore<String, byte[]> store) {
    Map<String, Entry> next = new TreeMap<>();
    boolean changed = false;
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        Entry old = entries.get(kv.key);
        if (old != null && (old.raw == kv.value || Arrays.equals(old.raw, kv.value))) {
          next.put(kv.key, old);
          continue;
        }
        changed = true;
        try {
          Rule rule = RuleRecords.decode(topic, kv.key, kv.value);
          if (rule != null) {
            next.put(kv.key, new Entry(kv.value, rule));
          }
        } catch (RuleValidationException e) {
          // The store holds only records the updater accepted; a rule that fails here (a newer
          // schema it cannot read) is skipped like a refused one.
        }
      }
    }
    if (!changed && next.size() == entries.size()) {
      return false;
    }
    entries = next;
    byModel.clear();
    version++;
    return true;
  }

  /** Increases whenever the rules change. */
  long version() {
    return version;
  }

  /** The enabled rules that watch {@code modelId}, by id. */
  List<Rule> forModel(String modelId) {
    return byModel.computeIfAbsent(modelId, id -> {
      List<Rule> rules = new ArrayList<>();
      for (Entry e : entries.values()) {
        if (e.rule.enabled() && e.rule.appliesTo(id)) {
          rules.add(e.rule);
        }
      }
      return Collections.unmodifiableList(rules);
    });
  }

  Rule get(String id) {
    Entry e = entries.get(id);
    return e == null ? null : e.rule;
  }

  int size() {
    return entries.size();
  }
}
