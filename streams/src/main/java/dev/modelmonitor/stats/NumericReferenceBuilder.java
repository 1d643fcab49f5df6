package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * Builds the reference profile of one numeric column, including the bin edges of DESIGN section
 * 5: the 0.1, ..., 0.9 quantiles of the reference values by numpy's default linear interpolation,
 * duplicates removed.
 *
 * <p><b>Exact (one pass).</b> While the column has at most {@code exactEdgeLimit} values
 * (default {@value #DEFAULT_EXACT_EDGE_LIMIT}, 8 bytes each) the builder keeps them all, and
 * {@link #build()} computes the edges and the bin counts exactly from them.
 *
 * <p><b>Large references (bounded memory).</b> Beyond the limit the builder drops the values and
 * keeps only the profile's KLL sketch. {@link #binEdges()} are then the sketch's inclusive
 * quantiles at 0.1..0.9 (actual data values, not interpolated; each edge's rank is within the
 * sketch's rank error, about 1.3% for k = 200), and {@link #build()} estimates the bin counts
 * from the sketch. For exact counts on those edges read the data twice: pass 1 through this
 * builder, then feed every value again to {@link #secondPass()}, whose profile is the reference.
 * {@link #needsSecondPass()} says when that is needed.
 */
public final class NumericReferenceBuilder {
  /** Values kept for exact edges when no limit is given (1.6 MB per column). */
  public static final int DEFAULT_EXACT_EDGE_LIMIT = 200_000;

  private final int exactEdgeLimit;
  private final NumericProfile profile;
  private DoubleBuffer all = new DoubleBuffer();

  /** A builder with the default limits and sketch parameter. */
  public NumericReferenceBuilder() {
    this(DEFAULT_EXACT_EDGE_LIMIT, NumericProfile.DEFAULT_SKETCH_K,
        NumericProfile.DEFAULT_VALUE_LIMIT);
  }

  /**
   * @param exactEdgeLimit values kept to compute edges and bin counts exactly
   * @param sketchK the KLL parameter of the profile built
   * @param valueLimit values kept in the profile built (exact KS and Wasserstein up to this)
   */
  public NumericReferenceBuilder(int exactEdgeLimit, int sketchK, int valueLimit) {
    if (exactEdgeLimit < 0) {
      throw new IllegalArgumentException("exactEdgeLimit must be >= 0 but was " + exactEdgeLimit);
    }
    this.exactEdgeLimit = exactEdgeLimit;
    this.profile = NumericProfile.create(new double[0], sketchK, valueLimit);
  }

  /** Adds one value (NaN is missing, an infinity a type mismatch, as in the profile). */
  public void add(double value) {
    profile.update(value);
    if (all != null && Double.isFinite(value)) {
      if (profile.count() <= exactEdgeLimit) {
        all.add(value);
      } else {
        all = null;
      }
    }
  }

  /** Adds a value as {@link NumericProfile#updateValue(Object)} takes it. */
  public void addValue(Object value) {
    if (value instanceof Number n) {
      add(n.doubleValue());
    } else {
      profile.updateValue(value);
    }
  }

  public void addMissing() {
    profile.updateMissing();
  }

  public void addTypeMismatch() {
    profile.updateTypeMismatch();
  }

  /** Values added so far (present, not missing). */
  public long count() {
    return profile.count();
  }

  /** Whether the edges and the bin counts of {@link #build()} are exact. */
  public boolean edgesExact() {
    return all != null || profile.keepsValues();
  }

  /** Whether exact bin counts need a second pass through {@link #secondPass()}. */
  public boolean needsSecondPass() {
    return !edgesExact();
  }

  /** The reference bin edges: exact while the values fit, else from the sketch. */
  public double[] binEdges() {
    if (all != null) {
      return BinEdges.fromSorted(all.sortedItems(), all.size());
    }
    if (profile.keepsValues()) {
      ValueCounts kept = profile.valuesOrNull();
      return BinEdges.fromSorted(kept::valueAt, kept.total());
    }
    return BinEdges.fromSketch(profile.sketchOrNull());
  }

  /** The reference profile after one pass; bin counts estimated when {@link #needsSecondPass()}. */
  public NumericProfile build() {
    double[] edges = binEdges();
    long[] counts;
    if (all != null) {
      counts = new long[edges.length + 1];
      for (int i = 0; i < all.size(); i++) {
        counts[BinEdges.binOf(edges, all.get(i))]++;
      }
    } else {
      counts = profile.binnedOn(edges).counts();
    }
    return profile.withBins(edges, counts);
  }

  /**
   * An empty profile on this builder's {@link #binEdges()}, with the same limits: feed it every
   * value again and it is the reference, with exact counts on those edges.
   */
  public NumericProfile secondPass() {
    return NumericProfile.create(binEdges(), profile.sketchK(), profile.valueLimit());
  }

  @Override
  public String toString() {
    return "NumericReferenceBuilder{count=" + profile.count() + ", edges exact=" + edgesExact()
        + ", edges=" + Arrays.toString(binEdges()) + "}";
  }
}
