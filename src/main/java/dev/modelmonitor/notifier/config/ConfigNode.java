package dev.modelmonitor.notifier.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmonitor.streams.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping being read: typed getters that name the field in every error, environment
 * substitution in every scalar, and a final check that no key was left unread (a typo).
 */
final class ConfigNode {
  private final JsonNode node;
  private final String where;
  private final EnvSubstitution env;
  private final Set<String> read = new LinkedHashSet<>();

  ConfigNode(JsonNode node, String where, EnvSubstitution env) {
    if (node != null && !node.isNull() && !node.isObject()) {
      throw new NotifierConfigException(where + ": must be a mapping of keys to values");
    }
    this.node = node;
    this.where = where;
    this.env = env;
  }

  String where() {
    return where;
  }

  String at(String key) {
    return where.isEmpty() ? key : where + ": " + key;
  }

  boolean has(String key) {
    return value(key) != null;
  }

  private JsonNode value(String key) {
    read.add(key);
    if (node == null) {
      return null;
    }
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  String string(String key, String dflt) {
    JsonNode v = value(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isValueNode()) {
      throw new NotifierConfigException(at(key) + ": must be a single value");
    }
    return env.apply(v.asText(), at(key));
  }

  String requiredString(String key, String hint) {
    String s = string(key, null);
    if (s == null || s.isBlank()) {
      throw new NotifierConfigException(at(key) + ": is required (" + hint + ")");
    }
    return s;
  }

  Duration duration(String key, Duration dflt) {
    String s = string(key, null);
    if (s == null) {
      return dflt;
    }
    try {
      return Durations.parse(s);
    } catch (IllegalArgumentException e) {
      throw new NotifierConfigException(at(key) + ": " + e.getMessage());
    }
  }

  int integer(String key, int dflt, int min) {
    String s = string(key, null);
    if (s == null) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new NotifierConfigException(at(key) + ": must be a whole number but was '" + s + "'");
    }
    if (n < min) {
      throw new NotifierConfigException(at(key) + ": must be at least " + min + " but was " + n);
    }
    return n;
  }

  double number(String key, double dflt) {
    String s = string(key, null);
    if (s == null) {
      return dflt;
    }
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new NotifierConfigException(at(key) + ": must be a number but was '" + s + "'");
    }
  }

  boolean bool(String key, boolean dflt) {
    String s = string(key, null);
    if (s == null) {
      return dflt;
    }
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new NotifierConfigException(
          at(key) + ": must be true or false but was '" + s + "'");
    };
  }

  /** A list of scalars; a single scalar reads as a list of one. */
  List<String> strings(String key) {
    JsonNode v = value(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isValueNode()) {
      out.add(env.apply(v.asText(), at(key)));
      return out;
    }
    if (!v.isArray()) {
      throw new NotifierConfigException(at(key) + ": must be a list such as [a, b]");
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isValueNode() || item.isNull()) {
        throw new NotifierConfigException(at(key) + "[" + i + "]: must be a single value");
      }
      out.add(env.apply(item.asText(), at(key) + "[" + i + "]"));
    }
    return out;
  }

  /** A mapping of scalar to scalar, in file order. */
  Map<String, String> stringMap(String key) {
    JsonNode v = value(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw new NotifierConfigException(at(key) + ": must be a mapping such as { name: value }");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new NotifierConfigException(at(key) + "." + e.getKey() + ": must be a single value");
      }
      out.put(e.getKey(), env.apply(e.getValue().asText(), at(key) + "." + e.getKey()));
    }
    return out;
  }

  /** A nested mapping (empty when absent). */
  ConfigNode child(String key) {
    return new ConfigNode(value(key), at(key), env);
  }

  /** A list of mappings. */
  List<JsonNode> items(String key) {
    JsonNode v = value(key);
    List<JsonNode> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw new NotifierConfigException(at(key) + ": must be a list");
    }
    v.forEach(out::add);
    return out;
  }

  ConfigNode item(JsonNode item, String itemWhere) {
    return new ConfigNode(item, itemWhere, env);
  }

  /**
   * Fails on any key that no getter asked for.
   *
   * @throws NotifierConfigException naming the key and the keys that are accepted here
   */
  void rejectUnknownKeys() {
    if (node == null) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!read.contains(key)) {
        throw new NotifierConfigException(
            at(key) + ": unknown key; accepted here: " + String.join(", ", read));
      }
    }
  }
}
