package dev.modelmonitor.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmonitor.notifier.config.NotifierConfigLoader;
import dev.modelmonitor.schema.Alert;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {
  private static final String SECRET = "k";
  private final HttpReceiver hook = new HttpReceiver(SECRET);
  private final HttpReceiver slack = new HttpReceiver(null);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<DispatchResult> repeats = new CopyOnWriteArrayList<>();
  private Dispatcher dispatcher;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    hook.close();
    slack.close();
  }

  private Dispatcher dispatcher(String global, String hookExtra) {
    String yaml =
        """
        global: { %s }
        receivers:
          - name: hook
            type: webhook
            url: %s
            secret: %s
        %s
          - name: slack
            type: slack
            url: %s
        routes:
          - match: { severity: critical }
            receivers: [hook, slack]
        default_receivers: [hook]
        """
            .formatted(global, hook.url("/hook"), SECRET, hookExtra, slack.url("/slack"));
    dispatcher =
        new Dispatcher(NotifierConfigLoader.parse(yaml, Map.of()), meters, Clock.systemUTC(), repeats::add);
    return dispatcher;
  }

  private static final String FAST_RETRY =
      "retry: { max_attempts: 50, initial_backoff: 20ms, max_backoff: 100ms, jitter: 0.2 }";

  @Test
  void deliversToEveryRoutedReceiverAndReportsEachOutcome() throws Exception {
    DispatchResult result = dispatcher("", "").dispatch(TestAlerts.firing()).get(10, TimeUnit.SECONDS);

    assertThat(result.outcomes())
        .containsExactly(new ReceiverOutcome("hook", true, 1, null), new ReceiverOutcome("slack", true, 1, null));
    assertThat(hook.requests()).hasSize(1);
    assertThat(hook.requests().get(0).signatureValid()).isTrue();
    assertThat(slack.requests()).hasSize(1);
    assertThat(count(NotifierMetrics.DELIVERED, "hook")).isEqualTo(1.0);
    assertThat(count(NotifierMetrics.DELIVERED, "slack")).isEqualTo(1.0);
    assertThat(meters.get(NotifierMetrics.LATENCY).tag("receiver", "hook").timer().count()).isEqualTo(1);
  }

  @Test
  void aReceiverThatIsDownAndComesBackGetsTheAlertAfterRetriesAndNothingIsLost() throws Exception {
    hook.goDown();
    CompletableFuture<DispatchResult> pending =
        dispatcher("retry: { max_attempts: 50, initial_backoff: 50ms, max_backoff: 200ms }", "")
            .dispatch(TestAlerts.firing());

    await().until(() -> count(NotifierMetrics.RETRIED, "hook") >= 2);
    assertThat(pending).isNotDone();
    hook.comeBack();

    DispatchResult result = pending.get(10, TimeUnit.SECONDS);
    ReceiverOutcome atHook = result.outcomes().get(0);
    assertThat(atHook.delivered()).isTrue();
    assertThat(atHook.attempts()).isGreaterThanOrEqualTo(3);
    assertThat(hook.requests()).hasSize(1);
    assertThat(hook.requests().get(0).header("Idempotency-Key")).isEqualTo("a-7f3e:FIRING");
    assertThat(count(NotifierMetrics.FAILED, "hook")).isEqualTo(atHook.attempts() - 1.0);
    assertThat(count(NotifierMetrics.DELIVERED, "hook")).isEqualTo(1.0);
    assertThat(result.outcomes().get(1)).isEqualTo(new ReceiverOutcome("slack", true, 1, null));
  }

  @Test
  void aReceiverThatNeverComesBackIsGivenUpAfterTheLastAttemptWithTheReason() throws Exception {
    hook.goDown();
    DispatchResult result =
        dispatcher("retry: { max_attempts: 3, initial_backoff: 10ms, max_backoff: 20ms }", "")
            .dispatch(TestAlerts.firing())
            .get(10, TimeUnit.SECONDS);

    assertThat(result.failures()).hasSize(1);
    ReceiverOutcome failure = result.failures().get(0);
    assertThat(failure.receiver()).isEqualTo("hook");
    assertThat(failure.attempts()).isEqualTo(3);
    assertThat(failure.error())
        .startsWith("gave up after 3 attempts: POST " + hook.url("/hook") + " failed: java.net.ConnectException");
    assertThat(count(NotifierMetrics.FAILED, "hook")).isEqualTo(3.0);
    assertThat(count(NotifierMetrics.RETRIED, "hook")).isEqualTo(2.0);
    assertThat(count(NotifierMetrics.DELIVERED, "slack")).isEqualTo(1.0);
  }

  @Test
  void aClientErrorIsGivenUpAtOnce() throws Exception {
    hook.answer(400);
    DispatchResult result = dispatcher(FAST_RETRY, "").dispatch(TestAlerts.firing()).get(10, TimeUnit.SECONDS);

    assertThat(result.failures())
        .containsExactly(new ReceiverOutcome("hook", false, 1,
            "permanent failure: POST " + hook.url("/hook") + " answered HTTP 400: receiver says no"));
    assertThat(hook.attempts()).isEqualTo(1);
  }

  @Test
  void anAttemptThatOutlivesTheReceiverTimeoutIsAbandonedAndRetried() throws Exception {
    hook.hang();
    CompletableFuture<DispatchResult> pending =
        dispatcher(FAST_RETRY, "    timeout: 200ms").dispatch(TestAlerts.firing());

    await().until(() -> count(NotifierMetrics.RETRIED, "hook") >= 1);
    hook.release();

    ReceiverOutcome atHook = pending.get(10, TimeUnit.SECONDS).outcomes().get(0);
    assertThat(atHook.delivered()).isTrue();
    assertThat(atHook.attempts()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aResolvedNotificationNeverOvertakesItsFiring() throws Exception {
    hook.goDown();
    Dispatcher d = dispatcher(FAST_RETRY, "");
    CompletableFuture<DispatchResult> firing = d.dispatch(TestAlerts.firing());
    CompletableFuture<DispatchResult> resolved = d.dispatch(TestAlerts.resolved());
    await().until(() -> count(NotifierMetrics.RETRIED, "hook") >= 2);
    hook.comeBack();

    CompletableFuture.allOf(firing, resolved).get(10, TimeUnit.SECONDS);
    assertThat(hook.requests()).extracting(r -> r.header("Idempotency-Key"))
        .containsExactly("a-7f3e:FIRING", "a-7f3e:RESOLVED");
  }

  @Test
  void alertsOfOneModelWithinTheGroupWindowTravelInOneMessage() throws Exception {
    Dispatcher d = dispatcher("group_wait: 500ms", "");
    Alert a = TestAlerts.drift("d-1", "fraud-model");
    Alert b = TestAlerts.drift("d-2", "fraud-model");
    Alert c = TestAlerts.drift("d-3", "churn-model");
    CompletableFuture.allOf(d.dispatch(a), d.dispatch(b), d.dispatch(c)).get(10, TimeUnit.SECONDS);

    assertThat(hook.requests()).hasSize(2);
    JsonNode fraud = hook.requests().stream().map(HttpReceiver.Request::json)
        .filter(j -> j.get("modelId").asText().equals("fraud-model")).findFirst().orElseThrow();
    assertThat(fraud.get("idempotencyKey").asText()).isEqualTo("d-1:FIRING,d-2:FIRING");
    assertThat(fraud.get("alerts")).hasSize(2);
    assertThat(hook.requests().stream().filter(HttpReceiver.Request::signatureValid)).hasSize(2);
  }

  @Test
  void aStillFiringAlertIsSentAgainEveryRepeatIntervalUntilResolved() throws Exception {
    Dispatcher d = dispatcher("repeat_interval: 300ms", "");
    d.dispatch(TestAlerts.firing()).get(10, TimeUnit.SECONDS);

    await().until(() -> hook.requests().size() >= 3);
    assertThat(hook.requests().subList(0, 3)).extracting(r -> r.json().get("repeat").asInt())
        .containsExactly(0, 1, 2);
    assertThat(hook.requests().get(1).header("Idempotency-Key")).isEqualTo("a-7f3e:FIRING");
    await().until(() -> repeats.size() >= 2);
    assertThat(repeats.get(0).outcomes().get(0).delivered()).isTrue();

    d.dispatch(TestAlerts.resolved()).get(10, TimeUnit.SECONDS);
    assertThat(d.firingCount()).isZero();
    assertThat(hook.requests().get(hook.requests().size() - 1).header("Idempotency-Key"))
        .isEqualTo("a-7f3e:RESOLVED");
  }

  @Test
  void aFiringAlertRestoredAtStartIsRepeatedOnceItsIntervalHasPassed() {
    Dispatcher d = dispatcher("repeat_interval: 1h", "");
    Alert emittedTwoHoursAgo =
        TestAlerts.errorRate().setEmittedAt(Instant.now().minus(Duration.ofHours(2))).build();
    Alert emittedJustNow = TestAlerts.errorRate().setAlertId("fresh").setEmittedAt(Instant.now()).build();

    d.restoreFiring(emittedTwoHoursAgo);
    d.restoreFiring(emittedJustNow);

    await().until(() -> hook.requests().size() == 1 && slack.requests().size() == 1);
    assertThat(hook.requests().get(0).header("Idempotency-Key")).isEqualTo("a-7f3e:FIRING");
    assertThat(hook.requests().get(0).json().get("repeat").asInt()).isEqualTo(1);
    assertThat(d.firingCount()).isEqualTo(2);
  }

  @Test
  void closingCancelsWhatIsStillPending() {
    hook.goDown();
    Dispatcher d = dispatcher(FAST_RETRY, "");
    CompletableFuture<DispatchResult> pending = d.dispatch(TestAlerts.firing());
    await().until(() -> count(NotifierMetrics.RETRIED, "hook") >= 1);

    d.close();

    await().until(pending::isDone);
    assertThat(pending).isCompletedExceptionally();
  }

  private double count(String name, String receiver) {
    var counter = meters.find(name).tag("receiver", receiver).counter();
    return counter == null ? 0 : counter.count();
  }
}
