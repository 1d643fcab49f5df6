package dev.modelmonitor.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeaturePrivacyTest {
  private static final byte[] KEY = "0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8);

  @Test
  void replacesHashedFeaturesWithTheHexHmacSha256OfTheirText() {
    // Expected values from Python: hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
    Map<String, Object> features = new HashMap<>();
    features.put("email", "alice@example.com");
    features.put("zip", 42L);
    features.put("score", 3.5);
    features.put("vip", true);
    features.put("age", 40L);
    features.put("phone", null);
    new FeaturePrivacy(Set.of("email", "zip", "score", "vip", "phone"), KEY).apply(features);
    assertThat(features)
        .containsOnly(
            entry("email", "13e14219e1d4e5b45729c2b369aca32083dd8547d19746a827aca4ebecc37051"),
            entry("zip", "036f4597b2106ffaa7af0f9471233532ebaeff3f29db9312b2d0e511a1298e41"),
            entry("score", "3d12bb23be1fffc8c8a0bb009d7d72ed5245b43fcf7dd00e8c7900e8642138fb"),
            entry("vip", "b2f8bb1d9c96c68c468d2d6bed2166d024c5d9702181b0bdae273c3746a0a46b"),
            entry("age", 40L),
            entry("phone", null));
  }

  @Test
  void isInactiveWithoutHashedFeatures() {
    FeaturePrivacy none = new FeaturePrivacy(Set.of(), null);
    Map<String, Object> features = new HashMap<>(Map.of("email", "alice@example.com"));
    none.apply(features);
    assertThat(none.active()).isFalse();
    assertThat(features).containsOnly(entry("email", "alice@example.com"));
  }

  @Test
  void refusesHashingWithoutAKey() {
    assertThatThrownBy(() -> new FeaturePrivacy(Set.of("email"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a non-empty key");
  }
}
