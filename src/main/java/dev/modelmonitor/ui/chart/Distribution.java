package dev.modelmonitor.ui.chart;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A feature's distribution in the current window next to the reference's, as shares per bin:
 * numeric bins from the reference's edges (DESIGN §5: {@code (-inf, e1], (e1, e2], …, (ek, +inf)}),
 * or categories with one bin for the rest ("other") and one for categories the reference never saw
 * ("unseen"). Missing values are not in any bin.
 */
public final class Distribution {
  /** The label of the bin that holds categories beyond the ones drawn. */
  public static final String OTHER = "other";

  /** The label of the bin that holds categories absent from the reference. */
  public static final String UNSEEN = "unseen";

  /** Categories drawn at most, including "other" and "unseen", unless told otherwise. */
  public static final int DEFAULT_MAX_BINS = 12;

  /**
   * One bin.
   *
   * @param label short axis label, such as {@code 1.5–2.5} or {@code gold}
   * @param description full description for tooltips, such as {@code (1.5, 2.5]}
   * @param currentCount values of the window in the bin
   * @param current share of the window's values in the bin
   * @param referenceCount values of the reference in the bin (0 without reference)
   * @param reference share of the reference's values in the bin (0 without reference)
   */
  public record Bin(
      String label,
      String description,
      long currentCount,
      double current,
      long referenceCount,
      double reference) {}

  private final List<Bin> bins;
  private final boolean hasReference;
  private final String note;

  private Distribution(List<Bin> bins, boolean hasReference, String note) {
    this.bins = List.copyOf(bins);
    this.hasReference = hasReference;
    this.note = note;
  }

  public List<Bin> bins() {
    return bins;
  }

  /** Whether reference shares are drawn. */
  public boolean hasReference() {
    return hasReference;
  }

  /** Why something is not drawn (for example the reference's bins differ), or null. */
  public String note() {
    return note;
  }

  public boolean isEmpty() {
    return bins.isEmpty();
  }

  /**
   * Numeric bins on {@code edges}: {@code counts} has one more entry than {@code edges}.
   *
   * @param referenceCounts the reference's counts on the same edges, or null
   */
  public static Distribution numeric(
      List<Double> edges, List<Long> currentCounts, List<Long> referenceCounts) {
    Objects.requireNonNull(edges, "edges");
    checkCounts("current", edges, currentCounts);
    if (referenceCounts != null) {
      checkCounts("reference", edges, referenceCounts);
    }
    List<String> labels = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    List<String> e = Numbers.formatDistinct(edges);
    if (edges.isEmpty()) {
      labels.add("all values");
      descriptions.add("(-∞, +∞)");
    } else {
      labels.add("≤ " + e.get(0));
      descriptions.add("(-∞, " + e.get(0) + "]");
      for (int i = 1; i < edges.size(); i++) {
        labels.add(e.get(i - 1) + "–" + e.get(i));
        descriptions.add("(" + e.get(i - 1) + ", " + e.get(i) + "]");
      }
      labels.add("> " + e.get(edges.size() - 1));
      descriptions.add("(" + e.get(edges.size() - 1) + ", +∞)");
    }
    long curTotal = sum(currentCounts);
    long refTotal = referenceCounts == null ? 0 : sum(referenceCounts);
    List<Bin> bins = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      long c = currentCounts.get(i);
      long r = referenceCounts == null ? 0 : referenceCounts.get(i);
      bins.add(
          new Bin(
              labels.get(i), descriptions.get(i), c, share(c, curTotal), r, share(r, refTotal)));
    }
    return new Distribution(bins, referenceCounts != null, null);
  }

  /**
   * Category bins: the reference's most frequent categories (or the window's, without reference),
   * then "other" for the rest and the profiles' other-counts, then "unseen" for the window's
   * categories the reference does not have. The categories drawn read most frequent first, except
   * codes that are all whole numbers (months, weekdays, classes), which read in numeric order, and
   * booleans, which read false, true. Bins that would be empty on both sides are left out.
   *
   * @param reference the reference's counts per category, or null
   * @param maxBins bins drawn at most, including "other" and "unseen" (at least 3)
   */
  public static Distribution categorical(
      Map<String, Long> current,
      long currentOther,
      Map<String, Long> reference,
      long referenceOther,
      int maxBins) {
    Objects.requireNonNull(current, "current");
    if (maxBins < 3) {
      throw new IllegalArgumentException("maxBins must be at least 3 but was " + maxBins);
    }
    boolean withReference = reference != null;
    Map<String, Long> ref = withReference ? reference : Map.of();
    Map<String, Long> ranking = withReference ? ref : current;
    List<String> ordered = new ArrayList<>(ranking.keySet());
    ordered.sort(
        Comparator.comparing((String k) -> ranking.get(k), Comparator.reverseOrder())
            .thenComparing(Comparator.naturalOrder()));
    List<String> unseen = new ArrayList<>();
    if (withReference) {
      for (String k : current.keySet()) {
        if (!ref.containsKey(k)) {
          unseen.add(k);
        }
      }
      Collections.sort(unseen);
    }
    int reserved = 1 + (unseen.isEmpty() ? 0 : 1);
    int shown = Math.min(ordered.size(), maxBins - reserved);
    if (ordered.size() == shown + 1 && currentOther == 0 && referenceOther == 0) {
      shown++; // one more category is clearer than an "other" bin holding exactly it
    }
    List<String> drawn = naturalOrder(new ArrayList<>(ordered.subList(0, shown)));
    long curTotal = sum(current.values()) + currentOther;
    long refTotal = sum(ref.values()) + referenceOther;
    List<Bin> bins = new ArrayList<>();
    for (String k : drawn) {
      long c = current.getOrDefault(k, 0L);
      long r = ref.getOrDefault(k, 0L);
      bins.add(new Bin(k, k, c, share(c, curTotal), r, share(r, refTotal)));
    }
    long otherCur = currentOther;
    long otherRef = referenceOther;
    List<String> rest = ordered.subList(shown, ordered.size());
    for (String k : rest) {
      otherCur += current.getOrDefault(k, 0L);
      otherRef += ref.getOrDefault(k, 0L);
    }
    if (otherCur > 0 || otherRef > 0) {
      String what =
          rest.isEmpty()
              ? "categories beyond the profiles' top K"
              : rest.size() + " more categories";
      bins.add(
          new Bin(
              OTHER,
              OTHER + " (" + what + ")",
              otherCur,
              share(otherCur, curTotal),
              otherRef,
              share(otherRef, refTotal)));
    }
    if (!unseen.isEmpty()) {
      long c = 0;
      for (String k : unseen) {
        c += current.get(k);
      }
      String listed =
          String.join(", ", unseen.subList(0, Math.min(10, unseen.size())))
              + (unseen.size() > 10 ? ", …" : "");
      bins.add(new Bin(UNSEEN, "not in the reference: " + listed, c, share(c, curTotal), 0, 0));
    }
    return new Distribution(bins, withReference, null);
  }

  /**
   * The distribution of a feature's window profile against its reference profile (either may come
   * from a report and its {@code ReferenceProfile}).
   *
   * @param reference the reference's profile of the same feature, or null
   */
  public static Distribution of(FeatureProfile current, FeatureProfile reference) {
    Objects.requireNonNull(current, "current");
    if (current.getType() == FeatureType.NUMERIC) {
      return numeric(current, reference);
    }
    return categorical(
        current.getCategories(),
        current.getOtherCount(),
        reference == null ? null : reference.getCategories(),
        reference == null ? 0 : reference.getOtherCount(),
        DEFAULT_MAX_BINS);
  }

  private static Distribution numeric(FeatureProfile current, FeatureProfile reference) {
    List<Double> refEdges = reference == null ? List.of() : reference.getBinEdges();
    List<Long> refCounts = reference == null ? List.of() : reference.getBinCounts();
    boolean refUsable =
        reference != null && refCounts.size() == refEdges.size() + 1 && sum(refCounts) > 0;
    List<Double> edges = current.getBinEdges();
    List<Long> counts = current.getBinCounts();
    if (counts.size() != edges.size() + 1 || sum(counts) == 0) {
      // The window was profiled without reference edges: bin its kept values on them if we can.
      if (!current.getValues().isEmpty() && refUsable) {
        return numeric(refEdges, binValues(refEdges, current.getValues()), refCounts);
      }
      return new Distribution(List.of(), refUsable, "no binned values in this window");
    }
    if (!refUsable) {
      String note = reference == null ? null : "the reference has no bin counts for this feature";
      return withNote(numeric(edges, counts, null), note);
    }
    if (!refEdges.equals(edges)) {
      return withNote(
          numeric(edges, counts, null),
          "the window was binned on other edges than the reference shown, so the reference is not"
              + " drawn");
    }
    return numeric(edges, counts, refCounts);
  }

  private static List<String> naturalOrder(List<String> categories) {
    if (categories.stream().allMatch(c -> c.equals("true") || c.equals("false"))) {
      categories.sort(Comparator.naturalOrder());
      return categories;
    }
    for (String c : categories) {
      if (!c.matches("-?\\d{1,18}")) {
        return categories;
      }
    }
    categories.sort(Comparator.comparingLong(Long::parseLong));
    return categories;
  }

  private static Distribution withNote(Distribution d, String note) {
    return new Distribution(d.bins, d.hasReference, note);
  }

  /** Counts of sorted or unsorted values in the right-closed bins on {@code edges}. */
  static List<Long> binValues(List<Double> edges, List<Double> values) {
    long[] counts = new long[edges.size() + 1];
    for (double v : values) {
      int bin = 0;
      while (bin < edges.size() && v > edges.get(bin)) {
        bin++;
      }
      counts[bin]++;
    }
    List<Long> out = new ArrayList<>(counts.length);
    for (long c : counts) {
      out.add(c);
    }
    return out;
  }

  private static void checkCounts(String which, List<Double> edges, List<Long> counts) {
    Objects.requireNonNull(counts, which + " counts");
    if (counts.size() != edges.size() + 1) {
      throw new IllegalArgumentException(
          which
              + " counts must have one more entry than the "
              + edges.size()
              + " edges but had "
              + counts.size());
    }
  }

  private static long sum(Iterable<Long> values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }

  private static double share(long count, long total) {
    return total == 0 ? 0 : (double) count / total;
  }
}
