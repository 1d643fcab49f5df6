package dev.modelmonitor.notifier.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.notifier.config.ChannelSettings;
import dev.modelmonitor.schema.Alert;
import dev.modelmonitor.schema.AlertStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming-webhook message: a {@code text} fallback and {@code blocks} with severity,
 * model, value against threshold, the top evidence lines and a button to the alert's page.
 */
final class SlackChannel implements Channel {
  /** Slack allows 50 blocks per message; a group shows this many alerts in full. */
  static final int MAX_ALERTS_SHOWN = 10;

  private final ChannelSettings.Slack settings;
  private final HttpPost http;

  SlackChannel(ChannelSettings.Slack settings, HttpPost http) {
    this.settings = settings;
    this.http = http;
  }

  @Override
  public void send(Notification n) throws DeliveryException, InterruptedException {
    byte[] body = message(n).toString().getBytes(StandardCharsets.UTF_8);
    http.post(settings.url(), body, Map.of());
  }

  ObjectNode message(Notification n) {
    ObjectNode root = AlertJson.MAPPER.createObjectNode();
    root.put("text", escape(AlertText.headline(n)));
    if (settings.channel() != null) {
      root.put("channel", settings.channel());
    }
    if (settings.username() != null) {
      root.put("username", settings.username());
    }
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("emoji", true)
        .put("text", truncate(marker(n) + " " + AlertText.headline(n), 150));
    List<Alert> shown = n.alerts().subList(0, Math.min(n.alerts().size(), MAX_ALERTS_SHOWN));
    for (Alert alert : shown) {
      if (n.isGroup()) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
            .put("text", "*" + escape(AlertText.headline(alert)) + "*");
      }
      ObjectNode fields = blocks.addObject().put("type", "section");
      ArrayNode list = fields.putArray("fields");
      field(list, "Severity", alert.getSeverity());
      field(list, "Model", AlertText.model(alert));
      field(list, "Value", AlertText.valueVsThreshold(alert));
      field(list, alert.getStatus() == AlertStatus.RESOLVED ? "Resolved at" : "Firing since",
          String.valueOf(alert.getStatus() == AlertStatus.RESOLVED && alert.getEndsAt() != null
              ? alert.getEndsAt() : alert.getStartsAt()));
      List<String> context = AlertText.contextLines(alert, settings.contextLines());
      if (!context.isEmpty()) {
        StringBuilder text = new StringBuilder();
        for (String line : context) {
          text.append(text.length() == 0 ? "" : "\n").append("• ").append(escape(line));
        }
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
            .put("text", text.toString());
      }
      if (alert.getUrl() != null) {
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
        button.put("type", "button").put("url", alert.getUrl());
        button.putObject("text").put("type", "plain_text").put("text", "Open in model-monitor");
      }
    }
    if (n.alerts().size() > shown.size()) {
      blocks.addObject().put("type", "context").putArray("elements").addObject()
          .put("type", "mrkdwn")
          .put("text", "and " + (n.alerts().size() - shown.size()) + " more alerts");
    }
    return root;
  }

  private static void field(ArrayNode fields, String name, String value) {
    fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + escape(value));
  }

  private static String marker(Notification n) {
    if (n.status() == AlertStatus.RESOLVED) {
      return ":white_check_mark:";
    }
    return switch (n.alerts().get(0).getSeverity()) {
      case "critical" -> ":red_circle:";
      case "warning" -> ":large_orange_circle:";
      default -> ":large_blue_circle:";
    };
  }

  /** Slack's mrkdwn needs &, < and > escaped. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
