package dev.modelmonitor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * Gathers configuration from, in increasing precedence: a YAML file (nested or dotted keys), the
 * environment ({@code reports.window} ⇔ {@code MM_REPORTS_WINDOW}; {@code MM_KAFKA_*} passes
 * through as {@code kafka.*} with {@code _} read as {@code .}), and explicit overrides such as
 * command-line options.
 */
public final class ConfigLoader {
  static final String ENV_PREFIX = "MM_";
  /** MM_ variables that are not configuration keys. */
  private static final Set<String> NOT_CONFIG = Set.of("MM_DEBUG", "MM_CONFIG", "MM_JAVA_OPTS");

  private ConfigLoader() {}

  /** The environment variable of a key: dots and dashes become {@code _}, upper case. */
  public static String envName(String key) {
    return ENV_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Loads and validates.
   *
   * @param file YAML file, or null
   * @param env the environment ({@code System.getenv()} in production)
   * @param overrides highest-precedence values by dotted key
   */
  public static MonitorConfig load(Path file, Map<String, String> env, Map<String, ?> overrides) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (file != null) {
      values.putAll(readYaml(file));
    }
    values.putAll(fromEnvironment(env));
    values.putAll(overrides);
    return MonitorConfig.of(values);
  }

  static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> byEnvName = new LinkedHashMap<>();
    for (String key : MonitorConfig.keys()) {
      byEnvName.put(envName(key), key);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : env.entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith(ENV_PREFIX) || NOT_CONFIG.contains(name)) {
        continue;
      }
      String key = byEnvName.get(name);
      if (key == null && name.startsWith(ENV_PREFIX + "KAFKA_")) {
        key = "kafka." + name.substring((ENV_PREFIX + "KAFKA_").length()).toLowerCase(Locale.ROOT).replace('_', '.');
      }
      if (key == null) {
        throw new ConfigException(
            "unknown environment variable " + name + ": it names no configuration key "
                + "(keys map as reports.window -> MM_REPORTS_WINDOW)");
      }
      values.put(key, entry.getValue());
    }
    return values;
  }

  static Map<String, Object> readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("configuration file " + file + " does not exist or is not a file");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, Object> flat = new LinkedHashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new ConfigException("configuration file " + file + " must be a YAML mapping of keys to values");
      }
      flatten("", root, flat);
    }
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(key + ".", value, out);
      } else if (value.isNull()) {
        out.put(key, "");
      } else {
        out.put(key, value.isTextual() ? value.asText() : value.toString());
      }
    }
  }
}
