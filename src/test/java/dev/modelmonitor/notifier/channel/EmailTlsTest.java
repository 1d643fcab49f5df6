package dev.modelmonitor.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.modelmonitor.notifier.TestAlerts;
import dev.modelmonitor.notifier.config.NotifierConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transport-security options against a real SMTP server with and without TLS. */
class EmailTlsTest {
  static {
    // GreenMail's own certificate names no host; the mail client checks the server identity,
    // so the SMTPS server gets a certificate for 127.0.0.1.
    System.setProperty("greenmail.tls.keystore.file", keystoreFor127001().toString());
    System.setProperty("greenmail.tls.keystore.password", "changeit");
    System.setProperty("greenmail.tls.key.password", "changeit");
  }

  @RegisterExtension
  static final GreenMailExtension smtps =
      new GreenMailExtension(slowStart(ServerSetupTest.SMTPS.dynamicPort()))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("notifier", "mail-pass"));

  @RegisterExtension
  static final GreenMailExtension plain =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("notifier", "mail-pass"));

  /** TLS set-up on a busy 2-core machine can take longer than GreenMail's default 2 s. */
  private static ServerSetup slowStart(ServerSetup setup) {
    setup.setServerStartupTimeout(30_000);
    return setup;
  }

  private static Path keystoreFor127001() {
    try {
      Path dir = Files.createTempDirectory("smtps");
      dir.toFile().deleteOnExit();
      Path keystore = dir.resolve("smtps.p12");
      Process keytool =
          new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                  "-storepass", "changeit", "-keypass", "changeit", "-alias", "smtps",
                  "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                  "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1")
              .redirectErrorStream(true)
              .start();
      String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (keytool.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      keystore.toFile().deleteOnExit();
      return keystore;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Channel channel(int port, String security) {
    String yaml =
        """
        receivers:
          - name: mail
            type: email
            smtp: { host: 127.0.0.1, port: %d, username: notifier, password: mail-pass, %s }
            from: model-monitor@example.com
            to: oncall@example.com
        """.formatted(port, security);
    return Channels.create(NotifierConfigLoader.parse(yaml, Map.of()).receiver("mail"), Clock.systemUTC());
  }

  @Test
  void implicitTlsDeliversOverSmtps() throws Exception {
    // The certificate is self-signed: trust that host explicitly.
    channel(smtps.getSmtps().getPort(), "ssl: true, ssl_trust: 127.0.0.1")
        .send(new Notification("mail", List.of(TestAlerts.firing()), 0));

    assertThat(smtps.getReceivedMessages()).hasSize(1);
    assertThat(smtps.getReceivedMessages()[0].getSubject())
        .isEqualTo("[FIRING critical] fraud-model: fraud-model error rate 0.125 > 0.05");
  }

  @Test
  void requiredStartTlsRefusesToSendToAServerThatDoesNotOfferIt() {
    assertThatThrownBy(
            () -> channel(plain.getSmtp().getPort(), "starttls: required")
                .send(new Notification("mail", List.of(TestAlerts.firing()), 0)))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("STARTTLS");
    assertThat(plain.getReceivedMessages()).isEmpty();
  }
}
