package dev.modelmonitor.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmonitor.notifier.TestAlerts;
import dev.modelmonitor.notifier.config.ChannelSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogChannelTest {

  @Test
  void printsOneLinePerAlertWithValueAgainstThresholdAndLink() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogChannel channel =
        new LogChannel(new ChannelSettings.Log(ChannelSettings.LogOutput.STDOUT),
            new PrintStream(out, true, StandardCharsets.UTF_8));

    channel.send(new Notification("console",
        List.of(TestAlerts.firing(), TestAlerts.drift("d-1", "fraud-model")), 0));
    channel.send(new Notification("console", List.of(TestAlerts.firing()), 2));

    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly(
            "[FIRING] critical fraud-model: fraud-model error rate 0.125 > 0.05"
                + " | error_rate 0.125 > 0.05 | http://localhost:8080/alerts/a-7f3e",
            "[FIRING] warning fraud-model: fraud-model amount drifted (PSI 0.31)"
                + " | drift:amount 0.31 > 0.2 | http://localhost:8080/alerts/d-1",
            "[FIRING] critical fraud-model: fraud-model error rate 0.125 > 0.05 (still firing)"
                + " | error_rate 0.125 > 0.05 | http://localhost:8080/alerts/a-7f3e");
  }

  @Test
  void aTextMetricShowsItsValueAndNumbersKeepFourSignificantDigits() {
    var state = TestAlerts.errorRate().setMetric("state").setOp("==").setValue(null)
        .setValueText("FAILED").setThreshold(null).setUrl(null).build();
    assertThat(LogChannel.line(state, 0))
        .isEqualTo("[FIRING] critical fraud-model: fraud-model error rate 0.125 > 0.05 | state = FAILED");
    assertThat(AlertText.number(1234.5678)).isEqualTo("1235");
    assertThat(AlertText.number(0.000012345)).isEqualTo("1.235e-05");
    assertThat(AlertText.number(250)).isEqualTo("250");
  }
}
