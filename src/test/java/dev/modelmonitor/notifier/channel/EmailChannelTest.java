package dev.modelmonitor.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.modelmonitor.notifier.TestAlerts;
import dev.modelmonitor.notifier.config.NotifierConfigLoader;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailChannelTest {
  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("notifier", "mail-pass"));

  private Channel channel(String password) {
    String yaml =
        """
        receivers:
          - name: oncall-mail
            type: email
            smtp:
              host: 127.0.0.1
              port: %d
              starttls: optional
              username: notifier
              password: ${SMTP_PASSWORD}
            from: model-monitor@example.com
            to: [oncall@example.com, ml-team@example.com]
            cc: lead@example.com
        """
            .formatted(smtp.getSmtp().getPort());
    return Channels.create(
        NotifierConfigLoader.parse(yaml, Map.of("SMTP_PASSWORD", password)).receiver("oncall-mail"),
        Clock.systemUTC());
  }

  @Test
  void sendsPlainAndHtmlPartsToEveryRecipientWithAuthentication() throws Exception {
    channel("mail-pass").send(new Notification("oncall-mail", List.of(TestAlerts.firing()), 0));

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(3); // one copy per recipient mailbox
    MimeMessage mail = received[0];
    assertThat(mail.getSubject())
        .isEqualTo("[FIRING critical] fraud-model: fraud-model error rate 0.125 > 0.05");
    assertThat(addresses(mail.getFrom())).containsExactly("model-monitor@example.com");
    assertThat(addresses(mail.getRecipients(Message.RecipientType.TO)))
        .containsExactly("oncall@example.com", "ml-team@example.com");
    assertThat(addresses(mail.getRecipients(Message.RecipientType.CC)))
        .containsExactly("lead@example.com");
    assertThat(mail.getHeader("X-ModelMonitor-Idempotency-Key")).containsExactly("a-7f3e:FIRING");

    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n"))
        .isEqualTo(
            """
            [FIRING] critical fraud-model: fraud-model error rate 0.125 > 0.05

            Severity: critical
            Model:    fraud-model v3
            Rule:     high-error-rate
            Value:    error_rate 0.125 > 0.05
            Since:    2025-03-01T10:00:00Z

            More than 5% of predictions failed over the last minute.

            Evidence:
              - TimeoutError: 42 (calls to feature store)
              - ValueError: 3

            Open: http://localhost:8080/alerts/a-7f3e
            """);
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(html)
        .contains("<h2>[FIRING] critical fraud-model: fraud-model error rate 0.125 &gt; 0.05</h2>")
        .contains("<tr><th align=\"left\">Value</th><td>error_rate 0.125 &gt; 0.05</td></tr>")
        .contains("<li>TimeoutError: 42 (calls to feature store)</li>")
        .contains("<a href=\"http://localhost:8080/alerts/a-7f3e\">Open in model-monitor</a>");
  }

  @Test
  void wrongCredentialsArePermanent() {
    assertThatThrownBy(
            () -> channel("wrong").send(
                new Notification("oncall-mail", List.of(TestAlerts.firing()), 0)))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isTrue())
        .hasMessageContaining("refused the credentials of notifier");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void aGroupSubjectCountsTheAlerts() throws Exception {
    channel("mail-pass").send(new Notification("oncall-mail",
        List.of(TestAlerts.firing(), TestAlerts.drift("d-1", "fraud-model")), 0));

    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("[FIRING] fraud-model: 2 alerts");
  }

  private static List<String> addresses(Address[] addresses) {
    return Arrays.stream(addresses).map(Address::toString).toList();
  }
}
