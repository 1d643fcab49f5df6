package dev.modelmonitor.ui.chart;

/**
 * Escapes text for HTML and SVG (XML) element content and attribute values. Everything a user
 * controls (model ids, feature names, category values, messages) goes through here.
 */
public final class Markup {
  private Markup() {}

  /**
   * Escapes {@code & < > " '} and drops control characters that XML forbids, so the result is safe
   * inside element content and inside single- or double-quoted attributes. {@code null} becomes the
   * empty string.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            if (c != 0xFFFE && c != 0xFFFF) {
              out.append(c);
            }
          }
        }
      }
    }
    return out.toString();
  }

  /** Shortens {@code text} to at most {@code max} characters, ending in an ellipsis if cut. */
  public static String truncate(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    int end = text.offsetByCodePoints(0, Math.max(1, max - 1));
    return text.substring(0, end) + "…";
  }
}
