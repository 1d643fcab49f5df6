package dev.modelmonitor.producer.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashing of named features: the value becomes the lower-case hex HMAC-SHA256 of its text
 * form ({@code String.valueOf} of the long, double or boolean; the string itself) under the
 * configured key. Equal values still compare equal downstream (counts, drift of categories), but
 * the raw value never leaves the process. Redaction (dropping a feature) happens earlier, in
 * {@link EventSanitizer}.
 *
 * <p>Not thread-safe: one instance per sending thread.
 */
public final class FeaturePrivacy {
  private static final HexFormat HEX = HexFormat.of();

  private final Set<String> hashed;
  private final Mac mac;

  /**
   * @param hashed feature names to hash
   * @param key the HMAC key; may be null only when {@code hashed} is empty
   */
  public FeaturePrivacy(Set<String> hashed, byte[] key) {
    this.hashed = Set.copyOf(hashed);
    if (this.hashed.isEmpty()) {
      this.mac = null;
      return;
    }
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("hashing features " + hashed + " needs a non-empty key");
    }
    try {
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** Whether any feature is hashed. */
  public boolean active() {
    return mac != null;
  }

  /** Replaces, in place, the value of every hashed feature present and not null. */
  public void apply(Map<String, Object> features) {
    if (mac == null || features == null) {
      return;
    }
    for (String name : hashed) {
      Object value = features.get(name);
      if (value != null) {
        features.put(name, hash(String.valueOf(value)));
      }
    }
  }

  /** The hex HMAC-SHA256 of {@code text}. */
  public String hash(String text) {
    return HEX.formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
