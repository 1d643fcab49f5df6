package dev.modelmonitor.notifier.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a notifier YAML file (format in the README and DESIGN §6) into a validated {@link
 * NotifierConfig}. Every value may use {@code ${ENV_VAR}}; every problem is reported with the
 * receiver or route and the field it is in; unknown keys are rejected.
 */
public final class NotifierConfigLoader {
  /** Alertmanager resolves an alert not re-sent within its resolve_timeout (5m by default). */
  static final Duration ALERTMANAGER_REPEAT_INTERVAL = Duration.ofMinutes(1);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private NotifierConfigLoader() {}

  /**
   * Loads {@code file} with {@code env} for {@code ${...}} references.
   *
   * @throws NotifierConfigException naming the file and the problem
   */
  public static NotifierConfig load(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new NotifierConfigException("cannot read notifier configuration " + file + ": " + e, e);
    }
    try {
      return parse(text, env);
    } catch (NotifierConfigException e) {
      throw new NotifierConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses YAML text. */
  public static NotifierConfig parse(String yaml, Map<String, String> env) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new NotifierConfigException("not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
    }
    EnvSubstitution substitution = new EnvSubstitution(env);
    ConfigNode top = new ConfigNode(root, "", substitution);
    GlobalSettings global = global(top.child("global"));

    List<ReceiverConfig> receivers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<JsonNode> receiverItems = top.items("receivers");
    for (int i = 0; i < receiverItems.size(); i++) {
      ReceiverConfig receiver = receiver(top, receiverItems.get(i), i, global);
      if (!names.add(receiver.name())) {
        throw new NotifierConfigException(
            "receiver '" + receiver.name() + "': name is used by another receiver too");
      }
      receivers.add(receiver);
    }
    if (receivers.isEmpty()) {
      throw new NotifierConfigException(
          "receivers: at least one receiver is required (for example {name: console, type: log})");
    }

    List<RouteConfig> routes = new ArrayList<>();
    List<JsonNode> routeItems = top.items("routes");
    for (int i = 0; i < routeItems.size(); i++) {
      routes.add(route(top.item(routeItems.get(i), "routes[" + i + "]"), names));
    }
    List<String> defaults = top.strings("default_receivers");
    checkKnown(defaults, names, top.at("default_receivers"));
    top.rejectUnknownKeys();
    return new NotifierConfig(global, List.copyOf(receivers), List.copyOf(routes), List.copyOf(defaults));
  }

  private static GlobalSettings global(ConfigNode node) {
    GlobalSettings d = GlobalSettings.DEFAULT;
    GlobalSettings global =
        new GlobalSettings(
            node.duration("repeat_interval", d.repeatInterval()),
            node.duration("group_wait", d.groupWait()),
            positive(node, "timeout", node.duration("timeout", d.timeout())),
            retry(node.child("retry"), d.retry()),
            node.duration("state_lookback", d.stateLookback()));
    node.rejectUnknownKeys();
    return global;
  }

  private static RetryPolicy retry(ConfigNode node, RetryPolicy dflt) {
    int attempts = node.integer("max_attempts", dflt.maxAttempts(), 1);
    Duration initial = node.duration("initial_backoff", dflt.initialBackoff());
    Duration max = node.duration("max_backoff", dflt.maxBackoff());
    double jitter = node.number("jitter", dflt.jitter());
    node.rejectUnknownKeys();
    try {
      return new RetryPolicy(attempts, initial, max, jitter);
    } catch (IllegalArgumentException e) {
      throw new NotifierConfigException(node.where() + ": " + e.getMessage());
    }
  }

  private static ReceiverConfig receiver(ConfigNode top, JsonNode item, int index, GlobalSettings global) {
    ConfigNode probe = top.item(item, "receivers[" + index + "]");
    String name = probe.requiredString("name", "a name that routes refer to");
    ConfigNode node = top.item(item, "receiver '" + name + "'");
    node.string("name", null);
    String typeText = node.requiredString("type", "one of " + ReceiverType.allNames());
    ReceiverType type;
    try {
      type = ReceiverType.valueOf(typeText.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new NotifierConfigException(
          node.at("type") + ": unknown receiver type '" + typeText + "'; use one of "
              + ReceiverType.allNames());
    }
    Duration timeout = positive(node, "timeout", node.duration("timeout", global.timeout()));
    RetryPolicy retry = retry(node.child("retry"), global.retry());
    Duration repeatDefault =
        type == ReceiverType.ALERTMANAGER ? ALERTMANAGER_REPEAT_INTERVAL : global.repeatInterval();
    Duration repeat = node.duration("repeat_interval", repeatDefault);
    ChannelSettings settings =
        switch (type) {
          case LOG -> log(node);
          case WEBHOOK -> new ChannelSettings.Webhook(
              url(node), node.string("secret", null), node.stringMap("headers"));
          case SLACK -> new ChannelSettings.Slack(
              url(node), node.string("channel", null), node.string("username", null),
              node.integer("context_lines", 5, 0));
          case EMAIL -> email(node);
          case ALERTMANAGER -> new ChannelSettings.Alertmanager(url(node), node.stringMap("headers"));
        };
    node.rejectUnknownKeys();
    return new ReceiverConfig(name, type, timeout, retry, repeat, settings);
  }

  private static ChannelSettings.Log log(ConfigNode node) {
    String output = node.string("output", "logger");
    return switch (output.trim().toLowerCase(Locale.ROOT)) {
      case "logger" -> new ChannelSettings.Log(ChannelSettings.LogOutput.LOGGER);
      case "stdout" -> new ChannelSettings.Log(ChannelSettings.LogOutput.STDOUT);
      default -> throw new NotifierConfigException(
          node.at("output") + ": must be logger or stdout but was '" + output + "'");
    };
  }

  private static ChannelSettings.Email email(ConfigNode node) {
    ConfigNode smtp = node.child("smtp");
    String host = smtp.requiredString("host", "the SMTP server's host name");
    boolean ssl = smtp.bool("ssl", false);
    int port = smtp.integer("port", ssl ? 465 : 25, 1);
    String startTlsText = smtp.string("starttls", "optional");
    ChannelSettings.StartTls startTls;
    try {
      startTls = ChannelSettings.StartTls.valueOf(startTlsText.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new NotifierConfigException(
          smtp.at("starttls") + ": must be off, optional or required but was '" + startTlsText + "'");
    }
    String sslTrust = smtp.string("ssl_trust", null);
    String username = smtp.string("username", null);
    String password = smtp.string("password", null);
    if (username != null && password == null) {
      throw new NotifierConfigException(smtp.at("password") + ": is required when username is set");
    }
    smtp.rejectUnknownKeys();
    String from = node.requiredString("from", "the sender address, e.g. model-monitor@example.com");
    List<String> to = node.strings("to");
    if (to.isEmpty()) {
      throw new NotifierConfigException(node.at("to") + ": at least one recipient is required");
    }
    List<String> cc = node.strings("cc");
    int contextLines = node.integer("context_lines", 10, 0);
    return new ChannelSettings.Email(
        host, port, ssl, startTls, sslTrust, username, password, from, List.copyOf(to),
        List.copyOf(cc), contextLines);
  }

  private static URI url(ConfigNode node) {
    String text = node.requiredString("url", "an http:// or https:// URL");
    try {
      URI uri = new URI(text.trim());
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null) {
        throw new URISyntaxException(text, "not an http:// or https:// URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new NotifierConfigException(node.at("url") + ": '" + text + "' is not an http:// or https:// URL");
    }
  }

  private static RouteConfig route(ConfigNode node, Set<String> receivers) {
    Map<String, String> match = node.stringMap("match");
    Map<String, Pattern> matchRe = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : node.stringMap("match_re").entrySet()) {
      try {
        matchRe.put(e.getKey(), Pattern.compile(e.getValue()));
      } catch (PatternSyntaxException ex) {
        throw new NotifierConfigException(
            node.at("match_re") + "." + e.getKey() + ": not a valid regular expression: "
                + ex.getDescription());
      }
    }
    List<String> targets = node.strings("receivers");
    if (targets.isEmpty()) {
      throw new NotifierConfigException(node.at("receivers") + ": at least one receiver is required");
    }
    checkKnown(targets, receivers, node.at("receivers"));
    boolean cont = node.bool("continue", false);
    node.rejectUnknownKeys();
    return new RouteConfig(Map.copyOf(match), Map.copyOf(matchRe), List.copyOf(targets), cont);
  }

  private static void checkKnown(List<String> names, Set<String> known, String where) {
    for (String name : names) {
      if (!known.contains(name)) {
        throw new NotifierConfigException(
            where + ": unknown receiver '" + name + "'; defined receivers: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private static Duration positive(ConfigNode node, String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new NotifierConfigException(node.at(key) + ": must be longer than 0s");
    }
    return d;
  }
}
