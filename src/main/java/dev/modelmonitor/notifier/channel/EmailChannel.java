package dev.modelmonitor.notifier.channel;

import dev.modelmonitor.notifier.config.ChannelSettings;
import dev.modelmonitor.schema.Alert;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * An e-mail over SMTP with a plain-text and an HTML part (multipart/alternative); implicit TLS,
 * STARTTLS and authentication as configured.
 */
final class EmailChannel implements Channel {
  /** Carries the idempotency key, as the webhook's header does. */
  static final String KEY_HEADER = "X-ModelMonitor-Idempotency-Key";

  private final ChannelSettings.Email settings;
  private final Session session;

  EmailChannel(ChannelSettings.Email settings, Duration timeout) {
    this.settings = settings;
    this.session = Session.getInstance(properties(settings, timeout));
  }

  static Properties properties(ChannelSettings.Email s, Duration timeout) {
    String millis = Long.toString(timeout.toMillis());
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.host", s.host());
    p.put("mail.smtp.port", Integer.toString(s.port()));
    p.put("mail.smtp.connectiontimeout", millis);
    p.put("mail.smtp.timeout", millis);
    p.put("mail.smtp.writetimeout", millis);
    p.put("mail.smtp.auth", Boolean.toString(s.username() != null));
    p.put("mail.smtp.ssl.enable", Boolean.toString(s.ssl()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(s.startTls() != ChannelSettings.StartTls.OFF));
    p.put("mail.smtp.starttls.required",
        Boolean.toString(s.startTls() == ChannelSettings.StartTls.REQUIRED));
    if (s.sslTrust() != null) {
      p.put("mail.smtp.ssl.trust", s.sslTrust());
    }
    return p;
  }

  @Override
  public void send(Notification n) throws DeliveryException {
    MimeMessage message;
    try {
      message = message(n);
    } catch (AddressException e) {
      throw new DeliveryException("bad e-mail address: " + e.getMessage(), true, e);
    } catch (MessagingException e) {
      throw new DeliveryException("cannot build the e-mail: " + e.getMessage(), true, e);
    }
    try {
      if (settings.username() != null) {
        Transport.send(message, settings.username(), settings.password());
      } else {
        Transport.send(message);
      }
    } catch (AuthenticationFailedException e) {
      throw new DeliveryException(
          "SMTP " + settings.host() + ":" + settings.port() + " refused the credentials of "
              + settings.username(), true, e);
    } catch (SendFailedException e) {
      throw new DeliveryException("SMTP refused the recipients: " + e.getMessage(), true, e);
    } catch (MessagingException e) {
      throw new DeliveryException(
          "SMTP " + settings.host() + ":" + settings.port() + " failed: " + e, false, e);
    }
  }

  MimeMessage message(Notification n) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(settings.from()));
    message.setRecipients(Message.RecipientType.TO, addresses(settings.to()));
    if (!settings.cc().isEmpty()) {
      message.setRecipients(Message.RecipientType.CC, addresses(settings.cc()));
    }
    message.setSubject(subject(n), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    message.setHeader(KEY_HEADER, n.idempotencyKey());
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(plain(n), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(html(n), StandardCharsets.UTF_8.name(), "html");
    message.setContent(new MimeMultipart("alternative", plain, html));
    return message;
  }

  static String subject(Notification n) {
    if (n.isGroup()) {
      return AlertText.headline(n);
    }
    Alert a = n.alerts().get(0);
    return "[" + a.getStatus() + " " + a.getSeverity() + "] " + a.getModelId() + ": "
        + a.getSummary() + (n.repeat() > 0 ? " (still firing)" : "");
  }

  String plain(Notification n) {
    StringBuilder out = new StringBuilder();
    for (Alert a : n.alerts()) {
      if (out.length() > 0) {
        out.append("\n----\n\n");
      }
      out.append(AlertText.headline(a)).append("\n\n");
      out.append("Severity: ").append(a.getSeverity()).append('\n');
      out.append("Model:    ").append(AlertText.model(a)).append('\n');
      out.append("Rule:     ").append(a.getRuleId()).append('\n');
      out.append("Value:    ").append(AlertText.valueVsThreshold(a)).append('\n');
      out.append("Since:    ").append(a.getStartsAt()).append('\n');
      if (a.getEndsAt() != null) {
        out.append("Resolved: ").append(a.getEndsAt()).append('\n');
      }
      if (a.getDescription() != null) {
        out.append('\n').append(a.getDescription()).append('\n');
      }
      List<String> context = AlertText.contextLines(a, settings.contextLines());
      if (!context.isEmpty()) {
        out.append("\nEvidence:\n");
        context.forEach(line -> out.append("  - ").append(line).append('\n'));
      }
      if (a.getUrl() != null) {
        out.append("\nOpen: ").append(a.getUrl()).append('\n');
      }
    }
    return out.toString();
  }

  String html(Notification n) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
    for (Alert a : n.alerts()) {
      out.append("<h2>").append(escape(AlertText.headline(a))).append("</h2>");
      out.append("<table cellpadding=\"4\">");
      row(out, "Severity", a.getSeverity());
      row(out, "Model", AlertText.model(a));
      row(out, "Rule", a.getRuleId());
      row(out, "Value", AlertText.valueVsThreshold(a));
      row(out, "Since", String.valueOf(a.getStartsAt()));
      if (a.getEndsAt() != null) {
        row(out, "Resolved", String.valueOf(a.getEndsAt()));
      }
      out.append("</table>");
      if (a.getDescription() != null) {
        out.append("<p>").append(escape(a.getDescription())).append("</p>");
      }
      List<String> context = AlertText.contextLines(a, settings.contextLines());
      if (!context.isEmpty()) {
        out.append("<h3>Evidence</h3><ul>");
        context.forEach(line -> out.append("<li>").append(escape(line)).append("</li>"));
        out.append("</ul>");
      }
      if (a.getUrl() != null) {
        out.append("<p><a href=\"").append(escape(a.getUrl())).append("\">Open in model-monitor</a></p>");
      }
    }
    return out.append("</body></html>").toString();
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("<tr><th align=\"left\">").append(name).append("</th><td>").append(escape(value))
        .append("</td></tr>");
  }

  private static InternetAddress[] addresses(List<String> list) throws AddressException {
    InternetAddress[] out = new InternetAddress[list.size()];
    for (int i = 0; i < list.size(); i++) {
      out[i] = new InternetAddress(list.get(i), true);
    }
    return out;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
