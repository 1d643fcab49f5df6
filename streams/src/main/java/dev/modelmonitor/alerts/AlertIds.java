package dev.modelmonitor.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stable alert identities: the first 96 bits of SHA-256 over the rule id, the model id and the
 * rule's labels (sorted), in hex. The same rule, model and labels give the same id in every
 * episode, on every instance, across restarts.
 */
public final class AlertIds {
  private AlertIds() {}

  public static String of(String ruleId, String modelId, Map<String, String> labels) {
    StringBuilder key = new StringBuilder(ruleId).append('\u0000').append(modelId);
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      key.append('\u0000').append(e.getKey()).append('=').append(e.getValue());
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
