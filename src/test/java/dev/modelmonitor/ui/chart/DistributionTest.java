package dev.modelmonitor.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void numericSharesAreCountsOverTheBinnedTotal() {
    Distribution d = Distribution.numeric(List.of(5.0), List.of(1L, 3L), List.of(2L, 2L));

    assertThat(d.bins())
        .containsExactly(
            new Distribution.Bin("≤ 5", "(-∞, 5]", 1, 0.25, 2, 0.5),
            new Distribution.Bin("> 5", "(5, +∞)", 3, 0.75, 2, 0.5));
    assertThat(d.hasReference()).isTrue();
  }

  @Test
  void binEdgeLabelsGetTheDigitsTheyNeedToStayDistinct() {
    Distribution d =
        Distribution.numeric(List.of(1.2341, 1.2349, 51234.5), List.of(1L, 1L, 1L, 1L), null);

    assertThat(d.bins())
        .extracting(Distribution.Bin::label)
        .containsExactly("≤ 1.234", "1.234–1.235", "1.235–51.23k", "> 51.23k");
  }

  @Test
  void categoriesFollowTheReferenceOrderThenOtherThenUnseen() {
    Map<String, Long> ref = new LinkedHashMap<>();
    ref.put("silver", 30L);
    ref.put("gold", 60L);
    ref.put("bronze", 10L);
    Map<String, Long> cur = Map.of("gold", 20L, "silver", 40L, "platinum", 30L, "diamond", 10L);

    Distribution d = Distribution.categorical(cur, 0, ref, 0, 12);

    assertThat(d.bins())
        .containsExactly(
            new Distribution.Bin("gold", "gold", 20, 0.2, 60, 0.6),
            new Distribution.Bin("silver", "silver", 40, 0.4, 30, 0.3),
            new Distribution.Bin("bronze", "bronze", 0, 0, 10, 0.1),
            new Distribution.Bin(
                "unseen", "not in the reference: diamond, platinum", 40, 0.4, 0, 0));
  }

  @Test
  void lumpsCategoriesBeyondTheLimitAndTheProfilesOtherCountIntoOther() {
    Map<String, Long> ref = Map.of("a", 40L, "b", 30L, "c", 20L, "d", 5L);
    Map<String, Long> cur = Map.of("a", 10L, "b", 10L, "c", 10L, "d", 10L);

    Distribution d = Distribution.categorical(cur, 10, ref, 5, 3);

    assertThat(d.bins()).extracting(Distribution.Bin::label).containsExactly("a", "b", "other");
    Distribution.Bin other = d.bins().get(2);
    assertThat(other.currentCount()).isEqualTo(30); // c + d + 10 beyond the top K
    assertThat(other.referenceCount()).isEqualTo(30); // c + d + 5
    assertThat(other.current()).isEqualTo(0.6);
    assertThat(other.reference()).isEqualTo(0.3);
    assertThat(other.description()).isEqualTo("other (2 more categories)");
  }

  @Test
  void drawsTheWindowAloneWhenTheReferenceWasBinnedDifferently() {
    FeatureProfile cur = numeric(List.of(1.0, 2.0), List.of(1L, 2L, 3L));
    FeatureProfile ref = numeric(List.of(1.0, 3.0), List.of(5L, 5L, 5L));

    Distribution d = Distribution.of(cur, ref);

    assertThat(d.hasReference()).isFalse();
    assertThat(d.bins()).hasSize(3);
    assertThat(d.note()).contains("other edges");
  }

  @Test
  void binsKeptValuesOnTheReferenceEdgesWhenTheWindowHasNoBins() {
    FeatureProfile cur =
        FeatureProfile.newBuilder()
            .setName("x")
            .setType(FeatureType.NUMERIC)
            .setCount(4)
            .setValues(List.of(0.5, 1.0, 1.5, 9.0))
            .build();
    FeatureProfile ref = numeric(List.of(1.0, 2.0), List.of(5L, 5L, 10L));

    Distribution d = Distribution.of(cur, ref);

    assertThat(d.bins()).extracting(Distribution.Bin::currentCount).containsExactly(2L, 1L, 1L);
    assertThat(d.bins()).extracting(Distribution.Bin::reference).containsExactly(0.25, 0.25, 0.5);
  }

  @Test
  void booleansAreCategoriesInFalseTrueOrder() {
    FeatureProfile cur =
        FeatureProfile.newBuilder()
            .setName("active")
            .setType(FeatureType.BOOLEAN)
            .setCount(4)
            .setCategories(Map.of("true", 3L, "false", 1L))
            .build();

    Distribution d = Distribution.of(cur, null);

    assertThat(d.bins()).extracting(Distribution.Bin::label).containsExactly("false", "true");
    assertThat(d.hasReference()).isFalse();
  }

  @Test
  void numericCodesReadInNumericOrder() {
    Distribution d =
        Distribution.categorical(
            Map.of("10", 5L, "2", 1L, "1", 3L), 0, Map.of("10", 1L, "2", 9L, "1", 5L), 0, 12);

    assertThat(d.bins()).extracting(Distribution.Bin::label).containsExactly("1", "2", "10");
  }

  @Test
  void refusesCountsThatDoNotFitTheEdges() {
    assertThatThrownBy(() -> Distribution.numeric(List.of(1.0), List.of(1L), null))
        .hasMessage("current counts must have one more entry than the 1 edges but had 1");
  }

  private static FeatureProfile numeric(List<Double> edges, List<Long> counts) {
    return FeatureProfile.newBuilder()
        .setName("x")
        .setType(FeatureType.NUMERIC)
        .setCount(counts.stream().mapToLong(Long::longValue).sum())
        .setBinEdges(edges)
        .setBinCounts(counts)
        .build();
  }
}
