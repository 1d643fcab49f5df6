package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.sun.management.ThreadMXBean;
import dev.modelmonitor.schema.FeatureType;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CategoricalProfileTest {

  @Test
  void countsCategoriesMostFrequentFirstWithTiesByName() {
    CategoricalProfile p = CategoricalProfile.create();
    for (String c : new String[] {"b", "a", "c", "a", "b", "d", null}) {
      p.update(c);
    }
    assertThat(p.categoryCounts()).containsExactly(entry("a", 2L), entry("b", 2L),
        entry("c", 1L), entry("d", 1L));
    assertThat(p.count()).isEqualTo(6);
    assertThat(p.missing()).isEqualTo(1);
    assertThat(p.otherCount()).isZero();
  }

  @Test
  void foldsTheLeastFrequentIntoOtherWhenTwiceKCategoriesAreTracked() {
    CategoricalProfile p = CategoricalProfile.create(2);
    update(p, "a", 5);
    update(p, "b", 4);
    update(p, "c", 3);
    update(p, "d", 1);
    // Four tracked (2K): a fifth category compacts to the top 2 first, folding c and d.
    update(p, "e", 2);
    assertThat(p.trackedCounts()).containsExactly(entry("a", 5L), entry("b", 4L),
        entry("e", 2L));
    assertThat(p.foldedCount()).isEqualTo(4);
    assertThat(p.categoryCounts()).containsExactly(entry("a", 5L), entry("b", 4L));
    assertThat(p.otherCount()).isEqualTo(6);
    assertThat(p.count()).isEqualTo(15);
    assertThat(p.toAvro("f").getOtherCount()).isEqualTo(6);
  }

  @Test
  void publishedCountsAreLowerBoundsShortByAtMostTheOtherCount() {
    Random random = new Random(42);
    CategoricalProfile p = CategoricalProfile.create(10);
    Map<String, Long> truth = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      // Zipf-like: a few frequent categories and a long tail.
      String c = "c" + (int) Math.floor(Math.exp(random.nextDouble() * Math.log(500)));
      p.update(c);
      truth.merge(c, 1L, Long::sum);
    }
    long other = p.otherCount();
    assertThat(other).isPositive();
    p.categoryCounts().forEach((c, n) -> assertThat(truth.get(c) - n).isBetween(0L, other));
    truth.forEach((c, n) -> {
      if (!p.categoryCounts().containsKey(c)) {
        assertThat(n).isLessThanOrEqualTo(other);
      }
    });
    assertThat(p.categoryCounts().values().stream().mapToLong(Long::longValue).sum() + other)
        .isEqualTo(50_000);
  }

  @Test
  void eventValuesBecomeCategoriesAsIntegersWhereIntegral() {
    CategoricalProfile p = CategoricalProfile.create();
    p.updateValue(1);
    p.updateValue(1L);
    p.updateValue(1.0);
    p.updateValue(1.5);
    p.updateValue(-3L);
    p.updateValue("x");
    p.updateValue(true);
    p.updateValue(Double.NaN);
    p.updateValue(new Object());
    assertThat(p.categoryCounts()).containsOnly(entry("1", 3L), entry("1.5", 1L),
        entry("-3", 1L), entry("x", 1L), entry("true", 1L));
    assertThat(p.missing()).isEqualTo(2);
    assertThat(p.typeMismatches()).isEqualTo(1);
  }

  @Test
  void booleanProfileTakesBooleansTrueFalseStringsAndZeroOne() {
    CategoricalProfile p = CategoricalProfile.forBooleans();
    p.updateValue(true);
    p.updateValue("FALSE");
    p.updateValue("True");
    p.updateValue(0L);
    p.updateValue(1);
    p.updateValue("yes");
    p.updateValue(2L);
    p.updateValue(null);
    assertThat(p.type()).isEqualTo(FeatureType.BOOLEAN);
    assertThat(p.categoryCounts()).containsOnly(entry("true", 3L), entry("false", 2L));
    assertThat(p.typeMismatches()).isEqualTo(2);
    assertThat(p.missing()).isEqualTo(3);
    assertThat(p.toAvro("flag").getType()).isEqualTo(FeatureType.BOOLEAN);
  }

  @Test
  void countingAKnownCategoryDoesNotAllocate() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    CategoricalProfile p = CategoricalProfile.create();
    String[] categories = {"red", "green", "blue"};
    for (int i = 0; i < 100_000; i++) {
      p.update(categories[i % 3]);
      p.updateValue((long) (i % 7));
    }
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 1_000_000; i++) {
      p.update(categories[i % 3]);
      p.update(i % 2 == 0);
    }
    assertThat(threads.getThreadAllocatedBytes(thread) - before).isLessThan(1024);
  }

  private static void update(CategoricalProfile p, String category, int times) {
    for (int i = 0; i < times; i++) {
      p.update(category);
    }
  }
}
