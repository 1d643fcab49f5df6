package dev.modelmonitor.report;

import dev.modelmonitor.ui.chart.Markup;

/**
 * Appends HTML whose text and attribute values are always escaped; only {@link #raw} takes trusted
 * markup (the SVG of the chart library, which escapes its own text). Void elements are written
 * self-closed, so the output is also well-formed XML.
 */
final class HtmlWriter {
  private final StringBuilder out = new StringBuilder(64 * 1024);

  /** Opens {@code tag} with name/value attribute pairs; null values are left out. */
  HtmlWriter open(String tag, String... attrs) {
    out.append('<').append(tag);
    attributes(attrs);
    out.append('>');
    return this;
  }

  HtmlWriter close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** {@code <tag attrs>text</tag>}. */
  HtmlWriter element(String tag, String text, String... attrs) {
    return open(tag, attrs).text(text).close(tag);
  }

  /** A void element such as {@code <meta/>}. */
  HtmlWriter empty(String tag, String... attrs) {
    out.append('<').append(tag);
    attributes(attrs);
    out.append("/>");
    return this;
  }

  HtmlWriter text(String text) {
    out.append(Markup.escape(text));
    return this;
  }

  /** Trusted markup, written as is. */
  HtmlWriter raw(String markup) {
    out.append(markup);
    return this;
  }

  HtmlWriter newline() {
    out.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void attributes(String[] attrs) {
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    for (int i = 0; i < attrs.length; i += 2) {
      if (attrs[i + 1] != null) {
        out.append(' ')
            .append(attrs[i])
            .append("=\"")
            .append(Markup.escape(attrs[i + 1]))
            .append('"');
      }
    }
  }
}
