package dev.modelmonitor.notifier.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** The type-specific settings of a receiver. */
public sealed interface ChannelSettings {

  /** Where a {@code log} receiver writes. */
  enum LogOutput {
    /** The SLF4J logger {@code dev.modelmonitor.notifier.alerts}. */
    LOGGER,
    /** Standard output, one line per alert (the {@code demo} console). */
    STDOUT
  }

  /** {@code type: log}. */
  record Log(LogOutput output) implements ChannelSettings {}

  /**
   * {@code type: webhook}: a JSON POST signed with HMAC-SHA256 of the body when {@code secret} is
   * set.
   */
  record Webhook(URI url, String secret, Map<String, String> headers) implements ChannelSettings {
    @Override
    public String toString() {
      return "Webhook[url=" + url + ", secret=" + (secret == null ? "none" : "***")
          + ", headers=" + headers.keySet() + "]";
    }
  }

  /**
   * {@code type: slack}: a Slack incoming webhook (or anything that reads its format). The URL is
   * the secret, so it is not shown by {@code toString}.
   */
  record Slack(URI url, String channel, String username, int contextLines)
      implements ChannelSettings {
    @Override
    public String toString() {
      return "Slack[url=" + url.getScheme() + "://" + url.getHost() + "/***, channel=" + channel + "]";
    }
  }

  /** How the SMTP connection is secured. */
  enum StartTls {
    /** Never upgrade the connection. */
    OFF,
    /** Upgrade when the server offers STARTTLS. */
    OPTIONAL,
    /** Refuse to send unless the server offers STARTTLS. */
    REQUIRED
  }

  /**
   * {@code type: email}: SMTP with optional implicit TLS ({@code ssl}), STARTTLS and
   * authentication.
   */
  record Email(
      String host,
      int port,
      boolean ssl,
      StartTls startTls,
      String sslTrust,
      String username,
      String password,
      String from,
      List<String> to,
      List<String> cc,
      int contextLines)
      implements ChannelSettings {
    @Override
    public String toString() {
      return "Email[" + host + ":" + port + ", ssl=" + ssl + ", starttls=" + startTls
          + ", username=" + username + ", password=" + (password == null ? "none" : "***")
          + ", from=" + from + ", to=" + to + ", cc=" + cc + "]";
    }
  }

  /** {@code type: alertmanager}: the Alertmanager API v2 at {@code url}. */
  record Alertmanager(URI url, Map<String, String> headers) implements ChannelSettings {
    @Override
    public String toString() {
      return "Alertmanager[url=" + url + ", headers=" + headers.keySet() + "]";
    }
  }
}
