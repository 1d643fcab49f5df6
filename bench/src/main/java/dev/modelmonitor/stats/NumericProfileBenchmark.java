package dev.modelmonitor.stats;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of profiling one window of a continuous feature, as the reports topology does for
 * every numeric feature of every model-window: a new profile on a reference's ten bins, {@code
 * values} values, then its compact bytes (what a fold or a report reads). Below 1,000 values the
 * window stays exact; the reports benchmark's windows hold about 2,100 (2 M events, 20 models, 48
 * hourly windows), so their values are kept exactly until the 1,001st and then go to the sketch.
 * The baseline in the same run is {@code momentsOnly}: Welford's update alone, the least any
 * numeric profile costs. {@code sketchOneByOne} and {@code sketchSortedBatches} feed the same
 * values to a KLL sketch alone (k = 200), in arrival order and through a {@link SketchBatch}: what
 * the sketch costs, and what the batches save.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar NumericProfileBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NumericProfileBenchmark {
  private static final double[] EDGES = {-1.28, -0.84, -0.52, -0.25, 0, 0.25, 0.52, 0.84, 1.28};
  private static final int WINDOWS = 16;

  @Param({"500", "2100", "20000"})
  public int values;

  private double[][] windows;
  private int next;

  @Setup
  public void values() {
    SplittableRandom random = new SplittableRandom(42);
    windows = new double[WINDOWS][values];
    for (double[] window : windows) {
      for (int i = 0; i < values; i++) {
        window[i] = random.nextGaussian();
      }
    }
  }

  @Benchmark
  public int profile() {
    NumericProfile profile = NumericProfile.create(EDGES);
    for (double v : windows[next++ % WINDOWS]) {
      profile.update(v);
    }
    return profile.toBytes().length;
  }

  @Benchmark
  public long sketchOneByOne() {
    KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(NumericProfile.DEFAULT_SKETCH_K);
    for (double v : windows[next++ % WINDOWS]) {
      sketch.update(v);
    }
    return sketch.getNumRetained();
  }

  @Benchmark
  public long sketchSortedBatches() {
    KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(NumericProfile.DEFAULT_SKETCH_K);
    SketchBatch batch = new SketchBatch();
    for (double v : windows[next++ % WINDOWS]) {
      batch.add(v, sketch);
    }
    batch.feedTo(sketch);
    return sketch.getNumRetained();
  }

  @Benchmark
  public double momentsOnly() {
    long count = 0;
    double mean = 0;
    double m2 = 0;
    for (double v : windows[next++ % WINDOWS]) {
      count++;
      double delta = v - mean;
      mean += delta / count;
      m2 += delta * (v - mean);
    }
    return m2 / count;
  }
}
