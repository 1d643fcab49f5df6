package dev.modelmonitor.reports;

import dev.modelmonitor.schema.Outcome;
import dev.modelmonitor.stats.NumericProfile;
import dev.modelmonitor.stats.Profile;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reports task's cost per prediction event in one open window, without Kafka: applying a
 * 20-feature event to the window's profiles, keeping it for the journal, folds, and what each
 * commit writes (in-memory stores). {@code commitEvery} events per commit: 100 is a quiet window
 * (journaled), 5000 a busy one (more than {@code reports.fold-events} per commit). The baseline in
 * the same run is {@code applyOnly}: the profile updates alone, what any way of storing the window
 * costs on top of. In the reports package because the window classes are package-private.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar OpenWindowsBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class OpenWindowsBenchmark {
  private static final int FEATURES = 20;
  private static final int ROWS = 4096;

  @Param({"100", "5000"})
  public int commitEvery;

  private final FeatureValues[] rows = new FeatureValues[ROWS];
  private OpenWindows windows;
  private WindowAccumulator window;
  private WindowAccumulator applied;
  private long events;

  private static final WindowAccumulator.ProfileFactory NUMERIC =
      new WindowAccumulator.ProfileFactory() {
        @Override
        public Profile feature(String feature, Object firstValue) {
          return NumericProfile.create();
        }

        @Override
        public Profile prediction(Object firstValue) {
          return NumericProfile.create();
        }
      };

  @Setup(Level.Trial)
  public void rows() {
    String[] names = new String[FEATURES];
    for (int f = 0; f < FEATURES; f++) {
      names[f] = "f" + f;
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int r = 0; r < ROWS; r++) {
      Object[] values = new Object[FEATURES];
      for (int f = 0; f < FEATURES; f++) {
        values[f] = random.nextGaussian() * (f + 1);
      }
      rows[r] = new FeatureValues(names, values, FEATURES);
    }
  }

  @Setup(Level.Iteration)
  public void open() {
    KeyValueStore<Bytes, byte[]> store = Stores.inMemoryKeyValueStore("w").get();
    KeyValueStore<Bytes, byte[]> journal = Stores.inMemoryKeyValueStore("j").get();
    ReportsSettings settings = ReportsSettings.defaults();
    windows = new OpenWindows(store, journal, settings);
    window = windows.open(new WindowKey("m", 0), 3_600_000, 3_900_000, false, NUMERIC);
    applied = new WindowAccumulator(new WindowKey("m", 0), 3_600_000, 3_900_000, false,
        settings);
    applied.useFactory(NUMERIC);
    events = 0;
  }

  private JournalEntry.Prediction event(WindowAccumulator into) {
    long n = events++;
    return new JournalEntry.Prediction(into.seq() + 1, n, Outcome.OK, null, "v1", 1000L, 0.5,
        rows[(int) (n % ROWS)]);
  }

  @Benchmark
  public long record() {
    windows.record(window, event(window));
    if (events % commitEvery == 0) {
      windows.journalPending();
    }
    return window.seq();
  }

  @Benchmark
  public long applyOnly() {
    event(applied).applyTo(applied);
    return applied.seq();
  }
}
