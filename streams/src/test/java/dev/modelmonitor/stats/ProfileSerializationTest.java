package dev.modelmonitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelmonitor.schema.FeatureProfile;
import dev.modelmonitor.schema.FeatureType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips through the binary state format and through Avro give equal profiles. */
class ProfileSerializationTest {

  static Stream<Profile> profiles() {
    Random random = new Random(5);
    NumericProfile empty = NumericProfile.create(new double[] {0.5, 1.5});
    NumericProfile small = NumericProfile.create(new double[] {0.5, 1.5});
    NumericProfile fewDistinct = NumericProfile.create(new double[] {0.5, 1.5});
    NumericProfile sketched = NumericProfile.create(new double[] {0.5, 1.5}, 64, 100);
    for (int i = 0; i < 300; i++) {
      small.update(random.nextGaussian());
    }
    small.updateMissing();
    small.updateTypeMismatch();
    for (int i = 0; i < 5_000; i++) {
      fewDistinct.update(random.nextInt(12) * 0.25);
      sketched.update(random.nextGaussian());
    }
    CategoricalProfile categories = CategoricalProfile.create(3);
    for (int i = 0; i < 2_000; i++) {
      categories.update("c" + (int) Math.floor(Math.exp(random.nextDouble() * Math.log(30))));
    }
    categories.updateMissing();
    CategoricalProfile booleans = CategoricalProfile.forBooleans();
    booleans.update(true);
    booleans.update(false);
    booleans.update(true);
    booleans.updateValue("maybe");
    return Stream.of(empty, small, fewDistinct, sketched, categories, booleans,
        CategoricalProfile.create());
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void bytesRoundTripGivesAnEqualProfile(Profile profile) {
    byte[] bytes = profile.toBytes();
    assertThat(bytes[0]).as("format version first").isEqualTo(ProfileFormat.VERSION);
    Profile back = Profile.fromBytes(bytes);
    assertThat(back).isEqualTo(profile);
    assertThat(back.toBytes()).isEqualTo(bytes);
    assertThat(back.toAvro("f")).isEqualTo(profile.toAvro("f"));
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void avroRoundTripGivesTheSameAvroAndTheSameStatistics(Profile profile) throws Exception {
    FeatureProfile avro = profile.toAvro("feature");
    // Through Avro's own binary encoding, as on a topic.
    FeatureProfile decoded = FeatureProfile.fromByteBuffer(avro.toByteBuffer());
    Profile back = Profile.fromAvro(decoded);
    assertThat(back.toAvro("feature")).isEqualTo(avro);
    assertThat(back.count()).isEqualTo(profile.count());
    assertThat(back.missing()).isEqualTo(profile.missing());
    assertThat(back.typeMismatches()).isEqualTo(profile.typeMismatches());
    if (profile instanceof NumericProfile n) {
      NumericProfile b = (NumericProfile) back;
      assertSame("mean", b.mean(), n.mean());
      assertSame("std", b.std(), n.std());
      if (n.count() > 0) {
        // Avro carries the std, so the variance comes back from it: equal up to rounding.
        assertThat(b.variance()).isCloseTo(n.variance(), within(1e-15 * n.variance()));
      }
      assertThat(b.binCounts()).containsExactly(n.binCounts());
      assertThat(b.keepsValues()).isEqualTo(n.keepsValues());
      if (n.keepsValues()) {
        assertThat(b.distinctValues()).containsExactly(n.distinctValues());
        assertThat(b.distinctValueCounts()).containsExactly(n.distinctValueCounts());
      }
      for (double q : NumericProfile.PUBLISHED_RANKS) {
        assertSame("quantile " + q, b.quantile(q), n.quantile(q));
      }
    } else {
      CategoricalProfile c = (CategoricalProfile) profile;
      CategoricalProfile b = (CategoricalProfile) back;
      assertThat(b.categoryCounts()).containsExactlyEntriesOf(c.categoryCounts());
      assertThat(b.otherCount()).isEqualTo(c.otherCount());
      assertThat(b.type()).isEqualTo(c.type());
    }
  }

  @Test
  void avroCarriesAllValuesWithinTheLimitDistinctValuesBeyondAndTheSketchBeyondThat() {
    List<Profile> all = profiles().toList();
    FeatureProfile small = all.get(1).toAvro("x");
    assertThat(small.getValues()).hasSize(300).isSorted();
    assertThat(small.getValueCounts()).isEmpty();
    assertThat(small.getSketch()).isNull();
    FeatureProfile fewDistinct = all.get(2).toAvro("x");
    assertThat(fewDistinct.getValues()).hasSize(12).isSorted();
    assertThat(fewDistinct.getValueCounts()).hasSize(12);
    assertThat(fewDistinct.getValueCounts().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(5_000);
    FeatureProfile sketched = all.get(3).toAvro("x");
    assertThat(sketched.getValues()).isEmpty();
    assertThat(sketched.getSketch()).isNotNull();
    assertThat(sketched.getStd()).isPositive();
    assertThat(sketched.getQuantiles()).hasSize(NumericProfile.PUBLISHED_RANKS.length);
    assertThat(sketched.getBinCounts()).hasSize(3);
  }

  @Test
  void refusesUnknownVersionsAndTruncatedBytesWithAClearMessage() {
    byte[] bytes = NumericProfile.create().toBytes();
    byte[] future = bytes.clone();
    future[0] = 9;
    assertThatThrownBy(() -> Profile.fromBytes(future))
        .hasMessage("unsupported profile format version 9 (this build reads version 1)");
    assertThatThrownBy(() -> Profile.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    byte[] categorical = CategoricalProfile.create().toBytes();
    assertThatThrownBy(() -> NumericProfile.fromBytes(categorical))
        .hasMessageContaining("not a numeric profile");
  }

  @Test
  void refusesInconsistentAvroNamingTheFeature() {
    FeatureProfile noDistribution = FeatureProfile.newBuilder(NumericProfile.create()
        .toAvro("temp")).setCount(5).setMean(1.0).setStd(0.0).setMin(1.0).setMax(1.0)
        .setBinCounts(List.of(5L)).build();
    assertThatThrownBy(() -> Profile.fromAvro(noDistribution))
        .hasMessageContaining("feature temp: count is 5 but the values given number 0");
    FeatureProfile badCategories = FeatureProfile.newBuilder(CategoricalProfile.create()
        .toAvro("color")).setCount(3).setCategories(Map.of("red", 1L)).build();
    assertThatThrownBy(() -> Profile.fromAvro(badCategories))
        .hasMessageContaining("feature color: categories and other count add up to 1");
    NumericProfile one = NumericProfile.create(new double[] {1.0});
    one.update(0.5);
    FeatureProfile badBins = FeatureProfile.newBuilder(one.toAvro("hum"))
        .setBinCounts(List.of(1L)).build();
    assertThatThrownBy(() -> Profile.fromAvro(badBins))
        .hasMessageContaining("feature hum: 1 bin counts for 1 edges");
  }

  @Test
  void readsAvroWrittenWithUnsortedValuesAndNoValueCounts() {
    FeatureProfile avro = FeatureProfile.newBuilder()
        .setName("x").setType(FeatureType.NUMERIC).setCount(3).setMean(2.0)
        .setStd(Math.sqrt(2.0 / 3)).setMin(1.0).setMax(3.0)
        .setValues(List.of(3.0, 1.0, 2.0)).setSketch((ByteBuffer) null).build();
    NumericProfile p = NumericProfile.fromAvro(avro);
    assertThat(p.distinctValues()).containsExactly(1.0, 2.0, 3.0);
    assertThat(p.binCounts()).containsExactly(3);
    assertThat(p.quantile(0.5)).isEqualTo(2.0);
  }

  /** The same double, NaN (an empty profile's statistics) included. */
  private static void assertSame(String what, double actual, double expected) {
    assertThat(Double.compare(actual, expected)).as("%s: %s vs %s", what, actual, expected)
        .isZero();
  }
}
