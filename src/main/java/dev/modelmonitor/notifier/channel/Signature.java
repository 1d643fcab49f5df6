package dev.modelmonitor.notifier.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code sha256=} and the lowercase hex HMAC-SHA256 of the exact body
 * bytes, keyed with the receiver's secret (UTF-8).
 */
public final class Signature {
  /** The header that carries it. */
  public static final String HEADER = "X-ModelMonitor-Signature";

  private Signature() {}

  public static String of(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
