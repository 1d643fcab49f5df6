package dev.modelmonitor.alerts.rules;

import dev.modelmonitor.schema.AlertRule;
import dev.modelmonitor.serde.WireFormatException;
import dev.modelmonitor.topic.Topic;
import java.util.List;

/**
 * Reads records of the compacted rules topic the same way everywhere (the alerts topology, the
 * CLI): key = rule id, a null value deletes the rule, a value must decode and validate and carry
 * the key as its id. A record that does not is refused and the rule's previous version stays in
 * force.
 */
public final class RuleRecords {
  private RuleRecords() {}

  /**
   * The rule in a record's value bytes.
   *
   * @return null for a tombstone (delete)
   * @throws RuleValidationException when the record is not a valid rule, saying why
   */
  public static Rule decode(Topic<AlertRule> topic, String key, byte[] value) {
    if (value == null) {
      return null;
    }
    if (key == null || key.isBlank()) {
      throw new RuleValidationException(List.of("rule record without a key (the key must be the rule id)"));
    }
    AlertRule avro;
    try {
      avro = topic.valueSerde().deserializer().deserialize(topic.name(), value);
    } catch (WireFormatException e) {
      throw new RuleValidationException(
          List.of("rule '" + key + "': cannot be decoded (" + e.reason() + ": " + e.getMessage() + ")"));
    } catch (RuntimeException e) {
      throw new RuleValidationException(
          List.of("rule '" + key + "': cannot be decoded (" + e.getMessage() + ")"));
    }
    Rule rule = RuleValidator.validate(avro);
    if (!rule.id().equals(key)) {
      throw new RuleValidationException(
          List.of("rule '" + rule.id() + "': published under key '" + key + "'; the key must be the rule id"));
    }
    return rule;
  }
}
