package dev.modelmonitor.config;

import dev.modelmonitor.alerts.AlertsSettings;
import dev.modelmonitor.checks.CheckThresholds;
import dev.modelmonitor.checks.ChecksSettings;
import dev.modelmonitor.reports.ReportsSettings;
import dev.modelmonitor.streams.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The service configuration: every key declared once with its type, default, validator and
 * documentation, in Kafka's {@link ConfigDef}. Values come from a YAML file, {@code MM_*}
 * environment variables and command-line options (see {@link ConfigLoader}); keys under {@code
 * kafka.} other than {@link #KAFKA_BOOTSTRAP_SERVERS} pass through to every Kafka client.
 */
public final class MonitorConfig extends AbstractConfig {
  public static final String KAFKA_PREFIX = "kafka.";

  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
  public static final String SCHEMA_REGISTRY_URL = "schema-registry.url";
  public static final String TOPICS_PREFIX = "topics.prefix";
  public static final String TOPICS_PARTITIONS = "topics.partitions";
  public static final String TOPICS_REPLICATION_FACTOR = "topics.replication-factor";
  public static final String TOPICS_CREATE = "topics.create";
  public static final String APPLICATION_ID = "application.id";
  public static final String STATE_DIR = "state.dir";
  public static final String PROCESSING_GUARANTEE = "processing.guarantee";
  public static final String STREAMS_THREADS = "streams.threads";
  public static final String STANDBY_REPLICAS = "streams.standby-replicas";
  public static final String LEAVE_GROUP_ON_CLOSE = "streams.leave-group-on-close";
  public static final String HTTP_ENABLED = "http.enabled";
  public static final String HTTP_PORT = "http.port";
  public static final String HTTP_ADVERTISED_URL = "http.advertised-url";
  public static final String UI_BASE_URL = "ui.base-url";
  public static final String ALERTS_ENABLED = "alerts.enabled";
  public static final String ALERTS_RULES_FILE = "alerts.rules-file";
  public static final String ALERTS_DEFAULT_RULES = "alerts.default-rules";
  public static final String REPORTS_ENABLED = "reports.enabled";
  public static final String REPORTS_WINDOW = "reports.window";
  public static final String REPORTS_GRACE = "reports.grace";
  public static final String REPORTS_DIR = "reports.dir";
  public static final String LABELS_MAX_DELAY = "labels.max-delay";
  public static final String CHECKS_ENABLED = "checks.enabled";
  public static final String CHECKS_MAX_LOOKBACK = "checks.max-lookback";
  public static final String CHECKS_THRESHOLDS = "checks.thresholds";
  public static final String CHECKS_STREAMS_THREADS = "checks.streams-threads";
  public static final String CHECKS_COMMIT_INTERVAL = "checks.commit-interval";
  public static final String CHECKS_REQUEST_MAX_AGE = "checks.request-max-age";
  public static final String NOTIFIER_ENABLED = "notifier.enabled";
  public static final String NOTIFIER_CONFIG_FILE = "notifier.config-file";
  public static final String INGEST_ENABLED = "ingest.enabled";

  static final ConfigDef DEFINITION = definition();

  private MonitorConfig(Map<String, ?> values) {
    super(DEFINITION, values, false);
  }

  /**
   * Validates {@code values} (dotted keys to strings or typed values) and builds the config.
   *
   * @throws ConfigException naming the key for an unknown key or a bad value
   */
  public static MonitorConfig of(Map<String, ?> values) {
    Map<String, Object> known = new HashMap<>();
    for (Map.Entry<String, ?> entry : values.entrySet()) {
      String key = entry.getKey();
      if (!DEFINITION.names().contains(key) && !key.startsWith(KAFKA_PREFIX)) {
        throw new ConfigException(
            "unknown configuration key '" + key + "'; known keys: " + String.join(", ", keys()));
      }
      known.put(key, entry.getValue());
    }
    return new MonitorConfig(known);
  }

  /** Every declared key, sorted. */
  public static java.util.List<String> keys() {
    return DEFINITION.names().stream().sorted().toList();
  }

  /** The documentation of every key as a Markdown table (for the README and {@code --help}). */
  public static String documentation() {
    StringBuilder out = new StringBuilder("| key | env | default | doc |\n|---|---|---|---|\n");
    for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
      Object dflt = key.hasDefault() ? key.defaultValue : "(required)";
      out.append("| `").append(key.name).append("` | `").append(ConfigLoader.envName(key.name))
          .append("` | `").append(dflt).append("` | ").append(key.documentation).append(" |\n");
    }
    return out.toString();
  }

  public Duration duration(String key) {
    return Durations.parse(getString(key));
  }

  /** The {@code kafka.*} passthrough keys with the prefix removed, for every Kafka client. */
  public Properties kafkaClientProperties() {
    Properties props = new Properties();
    props.put("bootstrap.servers", getString(KAFKA_BOOTSTRAP_SERVERS));
    for (Map.Entry<String, Object> entry : originalsWithPrefix(KAFKA_PREFIX).entrySet()) {
      if (!entry.getKey().equals("bootstrap-servers")) {
        props.put(entry.getKey(), String.valueOf(entry.getValue()));
      }
    }
    return props;
  }

  private static ConfigDef definition() {
    ConfigDef.Validator duration = Durations.configValidator();
    ConfigDef.Validator httpUrl =
        (name, value) -> {
          String s = (String) value;
          if (s != null && !s.isBlank() && !s.matches("https?://[^\\s/]+.*")) {
            throw new ConfigException(name, value, "must be an http:// or https:// URL");
          }
        };
    ConfigDef def = new ConfigDef()
        .define(KAFKA_BOOTSTRAP_SERVERS, Type.STRING, "localhost:9092", new ConfigDef.NonEmptyString(),
            Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port].")
        .define(SCHEMA_REGISTRY_URL, Type.STRING, "http://localhost:8081", httpUrl, Importance.HIGH,
            "Confluent-compatible schema registry URL (Confluent SR, Karapace, Apicurio ccompat, Redpanda).")
        .define(TOPICS_PREFIX, Type.STRING, "mm.", Importance.MEDIUM,
            "Prefix of every topic name (README, Topics and contracts).")
        .define(TOPICS_CREATE, Type.BOOLEAN, true, Importance.LOW,
            "Create missing topics at start (needs the Admin permission to do so).")
        .define(TOPICS_PARTITIONS, Type.INT, 4, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Partitions of topics created at start.")
        .define(TOPICS_REPLICATION_FACTOR, Type.SHORT, (short) 1, ConfigDef.Range.atLeast(1),
            Importance.LOW, "Replication factor of topics created at start.")
        .define(APPLICATION_ID, Type.STRING, "model-monitor", new ConfigDef.NonEmptyString(),
            Importance.HIGH, "Kafka Streams application id prefix; instances with the same id share the work.")
        .define(STATE_DIR, Type.STRING, "./.model-monitor/state", Importance.MEDIUM,
            "Kafka Streams state directory (persistent volume in Kubernetes).")
        .define(PROCESSING_GUARANTEE, Type.STRING, "exactly_once_v2",
            ConfigDef.ValidString.in("exactly_once_v2", "at_least_once"), Importance.MEDIUM,
            "Processing guarantee of the reports and checks topologies (alerts always run at_least_once: "
                + "they are idempotent by alertId and status).")
        .define(STREAMS_THREADS, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Stream threads of the alerts and reports applications (checks.streams-threads sets "
                + "the checks').")
        .define(STANDBY_REPLICAS, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
            "Standby replicas of each state store (faster fail-over with several instances).")
        .define(LEAVE_GROUP_ON_CLOSE, Type.BOOLEAN, true, Importance.LOW,
            "Leave the Kafka Streams consumer groups when the service stops, so the other "
                + "instances take over its tasks (and the check requests of its models) at once "
                + "rather than after the session timeout (45 s by default). Set false with static "
                + "membership (kafka.group.instance.id), where an instance restarted within the "
                + "session timeout keeps its tasks without a rebalance.")
        .define(HTTP_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
            "Serve HTTP: health, metrics, API, ingest and UI.")
        .define(HTTP_PORT, Type.INT, 8080, ConfigDef.Range.between(0, 65535), Importance.MEDIUM,
            "HTTP port (0 picks a free one).")
        .define(HTTP_ADVERTISED_URL, Type.STRING, "", httpUrl, Importance.LOW,
            "How other instances reach this one over HTTP (Kafka Streams application.server) and "
                + "where alert links point; default http://localhost:<http.port>, which only "
                + "instances on the same host reach: set it when instances run on several hosts.")
        .define(UI_BASE_URL, Type.STRING, "", httpUrl, Importance.LOW,
            "Base URL of the UI in alert links; default http://localhost:<http.port>.")
        .define(ALERTS_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM, "Run the dynamic alerts topology.")
        .define(ALERTS_RULES_FILE, Type.STRING, "", Importance.MEDIUM,
            "YAML rules file applied to the rules topic at start (hot-reloaded rules live in the topic).")
        .define(ALERTS_DEFAULT_RULES, Type.BOOLEAN, true, Importance.LOW,
            "Apply the shipped default rule set at start.")
        .define(REPORTS_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM, "Run the windowed reports topology.")
        .define(REPORTS_WINDOW, Type.STRING, "1h", duration, Importance.MEDIUM, "Report window length.")
        .define(REPORTS_GRACE, Type.STRING, "5m", duration, Importance.MEDIUM,
            "How late an event may arrive and still count in its window.")
        .define(REPORTS_DIR, Type.STRING, "", Importance.LOW,
            "Directory where HTML and JSON reports are written as windows close; empty writes none.")
        .define(LABELS_MAX_DELAY, Type.STRING, "1h", duration, Importance.MEDIUM,
            "How long after a prediction its label may arrive and still count in performance.")
        .define(CHECKS_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM, "Answer active check requests.")
        .define(CHECKS_MAX_LOOKBACK, Type.STRING, "24h", duration, Importance.MEDIUM,
            "Longest lookback a check may ask for; bounds the per-model state kept.")
        .define(CHECKS_THRESHOLDS, Type.STRING, "", MonitorConfig::validateThresholds,
            Importance.MEDIUM,
            "Service-wide check thresholds over the built-in ones, as key=value pairs separated by "
                + "commas (e.g. error_rate=0.01,latency_p99_ms=500); a model's reference and a "
                + "request override them.")
        .define(CHECKS_STREAMS_THREADS, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Stream threads of the checks application (streams.threads sets the others'): more "
                + "for more events per second; requests are answered on a thread of their own.")
        .define(CHECKS_COMMIT_INTERVAL, Type.STRING, "1s", duration, Importance.LOW,
            "Commit interval of the checks application. Answers read its stores as of the last "
                + "commit, so they may miss up to this much of the latest events; shorter "
                + "intervals cost more exactly-once commits (BENCHMARKS.md section 2).")
        .define(CHECKS_REQUEST_MAX_AGE, Type.STRING, "1m", duration, Importance.LOW,
            "Check requests older than this when read (the service was down or rebalancing "
                + "longer; the caller has given up) are counted in "
                + "modelmonitor.checks.requests.expired and not answered.")
        .define(NOTIFIER_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM, "Deliver alerts to receivers.")
        .define(NOTIFIER_CONFIG_FILE, Type.STRING, "", Importance.MEDIUM,
            "Notifier YAML (receivers and routes); empty logs alerts to the console.")
        .define(INGEST_ENABLED, Type.BOOLEAN, true, Importance.LOW,
            "Serve POST /ingest/v1/* for apps that are not on the JVM.");
    // The topologies declare their own tuning keys; folded in so one file, one env scheme and
    // one validation pass cover them all.
    AlertsSettings.configDef().configKeys().values().forEach(def::define);
    ReportsSettings.configDef().configKeys().values().forEach(def::define);
    return def;
  }

  /** The alerts topology's settings; alert links point at {@code uiBaseUrl} when none is set. */
  public AlertsSettings alertsSettings(String uiBaseUrl) {
    AlertsSettings settings = AlertsSettings.from(originals());
    return getString(UI_BASE_URL).isBlank() ? settings.withUiBaseUrl(uiBaseUrl) : settings;
  }

  /** The reports topology's settings. */
  public ReportsSettings reportsSettings() {
    return ReportsSettings.from(originals());
  }

  /** The checks topology's settings; results name {@code instanceName} as their answerer. */
  public ChecksSettings checksSettings(String instanceName) {
    return ChecksSettings.defaults()
        .withMaxLookback(duration(CHECKS_MAX_LOOKBACK))
        .withLabelMaxDelay(duration(LABELS_MAX_DELAY))
        .withInstanceName(instanceName)
        .withThresholds(thresholds(getString(CHECKS_THRESHOLDS)));
  }

  private static void validateThresholds(String name, Object value) {
    Map<String, Double> thresholds;
    try {
      thresholds = thresholds((String) value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, e.getMessage());
    }
    String problem = CheckThresholds.problem(thresholds);
    if (problem != null) {
      throw new ConfigException(name, value, problem);
    }
  }

  /** {@code "error_rate=0.01, latency_p99_ms=500"} as a map. */
  private static Map<String, Double> thresholds(String text) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + pair.trim() + "' is not key=value");
      }
      String number = pair.substring(eq + 1).trim();
      try {
        values.put(pair.substring(0, eq).trim(), Double.parseDouble(number));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + number + "' is not a number");
      }
    }
    return values;
  }
}
