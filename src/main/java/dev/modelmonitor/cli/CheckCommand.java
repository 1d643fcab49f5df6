package dev.modelmonitor.cli;

import dev.modelmonitor.client.CheckClient;
import dev.modelmonitor.client.CheckJson;
import dev.modelmonitor.schema.CheckRequest;
import dev.modelmonitor.schema.CheckResult;
import dev.modelmonitor.schema.CheckStatus;
import dev.modelmonitor.schema.CheckType;
import dev.modelmonitor.streams.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-monitor check}: asks the pipeline whether a model is fine now, prints the answer
 * and exits with a code a deploy pipeline can gate on. It handles every error itself, so that
 * nothing (a usage error, an unreachable broker, no answer in time) exits 1, 2 or 3, which mean a
 * verdict.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = CheckCommand.EXIT_ERROR,
    exitCodeOnExecutionException = CheckCommand.EXIT_ERROR,
    description = "Ask the pipeline whether a model is fine now; wait for the answer and exit "
        + "with its verdict (a deploy gate).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:PASS", "1:WARN", "2:FAIL", "3:NO_DATA or UNKNOWN_MODEL",
      "4:no answer within --timeout, Kafka unreachable, or a malformed request (ERROR)"
    })
public final class CheckCommand implements Callable<Integer> {
  static final int EXIT_PASS = 0;
  static final int EXIT_WARN = 1;
  static final int EXIT_FAIL = 2;
  static final int EXIT_NO_DATA = 3;
  static final int EXIT_ERROR = 4;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(names = "--model", required = true, description = "The model to check.")
  String model;

  @Option(names = "--checks", split = ",", paramLabel = "CHECK",
      description = "Checks to run: health, drift, data_quality, performance, latency "
          + "(default: all; a named check without data makes the verdict NO_DATA).")
  List<String> checks;

  @Option(names = "--lookback", defaultValue = "15m", paramLabel = "DURATION",
      description = "How far back to look (default: ${DEFAULT-VALUE}; at most the service's "
          + "checks.max-lookback).")
  String lookback;

  @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION",
      description = "How long to wait for Kafka and the answer (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--threshold", paramLabel = "KEY=VALUE",
      description = "Override a threshold for this check, e.g. error_rate=0.01, "
          + "latency_p99_ms=250, accuracy_min=0.9, temp.wasserstein_normed=0.2; repeatable.")
  Map<String, String> thresholds = new LinkedHashMap<>();

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--requested-by", paramLabel = "WHO",
      description = "Who asks, recorded in the request (default: the user name).")
  String requestedBy;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      CheckRequest request = request();
      Duration wait = duration("--timeout", timeout);
      long started = System.nanoTime();
      try (CheckClient client =
          new CheckClient(connection.kafkaProperties(), connection.topics(), wait)) {
        client.start();
        // The time shown is the round trip the service is responsible for, not the client's
        // connecting to Kafka and the registry.
        long sent = System.nanoTime();
        Duration left = wait.minusNanos(sent - started);
        CheckResult result =
            client.ask(request, left.isNegative() ? Duration.ofMillis(1) : left);
        long elapsedMillis = (System.nanoTime() - sent) / 1_000_000;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(CheckJson.mapper().writerWithDefaultPrettyPrinter()
              .writeValueAsString(CheckJson.toJson(result)));
        } else {
          new CheckResultTable(result, elapsedMillis).print(out);
        }
        out.flush();
        return exitCode(result.getStatus());
      }
    } catch (TimeoutException e) {
      return fail(err, e, "nothing answered within " + timeout + ": " + message(e));
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      return fail(err, e, message(e));
    }
  }

  private int fail(PrintWriter err, Exception e, String message) {
    err.println(spec.commandLine().getColorScheme().errorText("error: " + message));
    if (System.getenv("MM_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_ERROR;
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private CheckRequest request() {
    Duration back = duration("--lookback", lookback);
    if (back.toSeconds() < 1) {
      throw new IllegalArgumentException("--lookback must be at least 1s but was " + lookback);
    }
    List<CheckType> types = checks == null ? List.of() : CheckJson.checkTypes(checks);
    Map<String, Double> values = new LinkedHashMap<>();
    thresholds.forEach((key, value) -> {
      try {
        values.put(key, Double.parseDouble(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--threshold " + key + "=" + value
            + ": the value must be a number");
      }
    });
    return CheckRequest.newBuilder()
        .setRequestId(CheckJson.newRequestId())
        .setModelId(model)
        .setChecks(types)
        .setLookbackSeconds(back.toSeconds())
        .setRequestedBy(requestedBy != null ? requestedBy
            : "model-monitor check (" + System.getProperty("user.name") + ")")
        .setRequestedAt(Instant.now())
        .setThresholds(values)
        .build();
  }

  private static Duration duration(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }

  static int exitCode(CheckStatus status) {
    return switch (status) {
      case PASS -> EXIT_PASS;
      case WARN -> EXIT_WARN;
      case FAIL -> EXIT_FAIL;
      case NO_DATA, UNKNOWN_MODEL -> EXIT_NO_DATA;
      case ERROR -> EXIT_ERROR;
    };
  }
}
