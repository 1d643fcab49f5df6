package dev.modelmonitor.ui.chart;

import java.math.BigDecimal;

/**
 * Appends SVG markup; escapes every attribute value and text node. Coordinates are written at full
 * double precision (no exponent), so a chart's geometry can be checked exactly.
 */
final class SvgWriter {
  static final String FONT =
      "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'DejaVu Sans', Arial,"
          + " sans-serif";

  private final StringBuilder out = new StringBuilder(4096);

  /** Opens the root element with its accessible name; {@code kind} becomes a CSS class. */
  SvgWriter open(String kind, double width, double height, String label) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mm-chart mm-")
        .append(kind)
        .append("\" width=\"")
        .append(num(width))
        .append("\" height=\"")
        .append(num(height))
        .append("\" viewBox=\"0 0 ")
        .append(num(width))
        .append(' ')
        .append(num(height))
        .append("\" role=\"img\" aria-label=\"")
        .append(Markup.escape(label))
        .append("\" font-family=\"")
        .append(Markup.escape(FONT))
        .append("\" font-size=\"12\" fill=\"")
        .append(Palette.TEXT)
        .append("\">");
    title(label);
    return this;
  }

  String close() {
    out.append("</svg>");
    return out.toString();
  }

  /** Starts an element; {@code attrs} are name/value pairs, null values are left out. */
  SvgWriter start(String tag, Object... attrs) {
    out.append('<').append(tag);
    attributes(attrs);
    out.append('>');
    return this;
  }

  SvgWriter end(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** An element without children. */
  SvgWriter empty(String tag, Object... attrs) {
    out.append('<').append(tag);
    attributes(attrs);
    out.append("/>");
    return this;
  }

  /** An element holding only a tooltip. */
  SvgWriter withTitle(String tag, String tooltip, Object... attrs) {
    start(tag, attrs);
    title(tooltip);
    return end(tag);
  }

  SvgWriter title(String text) {
    out.append("<title>").append(Markup.escape(text)).append("</title>");
    return this;
  }

  SvgWriter text(double x, double y, String anchor, String content, Object... attrs) {
    out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append('"');
    if (anchor != null && !anchor.equals("start")) {
      out.append(" text-anchor=\"").append(anchor).append('"');
    }
    attributes(attrs);
    out.append('>').append(Markup.escape(content)).append("</text>");
    return this;
  }

  SvgWriter line(double x1, double y1, double x2, double y2, String stroke, Object... attrs) {
    out.append("<line x1=\"")
        .append(num(x1))
        .append("\" y1=\"")
        .append(num(y1))
        .append("\" x2=\"")
        .append(num(x2))
        .append("\" y2=\"")
        .append(num(y2))
        .append("\" stroke=\"")
        .append(stroke)
        .append('"');
    attributes(attrs);
    out.append("/>");
    return this;
  }

  /** Legend entries in a row starting at (x, y): a swatch and a name each; returns the end x. */
  double legend(double x, double y, String[] names, String[] colours) {
    start("g", "class", "legend");
    double cx = x;
    for (int i = 0; i < names.length; i++) {
      empty("rect", "x", cx, "y", y - 9, "width", 12, "height", 12, "rx", 2, "fill", colours[i]);
      text(cx + 17, y + 1, "start", names[i]);
      cx += 17 + textWidth(names[i], 12) + 16;
    }
    end("g");
    return cx;
  }

  private void attributes(Object[] attrs) {
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    for (int i = 0; i < attrs.length; i += 2) {
      Object value = attrs[i + 1];
      if (value == null) {
        continue;
      }
      String text = value instanceof Double d ? num(d) : value.toString();
      out.append(' ').append(attrs[i]).append("=\"").append(Markup.escape(text)).append('"');
    }
  }

  /** A coordinate at full precision without exponent; tiny values become 0. */
  static String num(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("coordinate must be finite but was " + value);
    }
    if (Math.abs(value) < 1e-9) {
      return "0";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).toPlainString();
  }

  /**
   * A rough (generous) width of {@code text} in a sans-serif font of {@code size} px, for layout.
   */
  static double textWidth(String text, double size) {
    double units = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("il.,:;'|!jtf ()[]".indexOf(c) >= 0) {
        units += 0.34;
      } else if (Character.isUpperCase(c)
          || c == 'm'
          || c == 'w'
          || c == '%'
          || c == '—'
          || c == '_') {
        units += 0.8;
      } else {
        units += 0.62;
      }
    }
    return units * size;
  }

  /** {@code text} cut with an ellipsis so that it fits {@code width} px at {@code size} px. */
  static String fit(String text, double width, double size) {
    if (textWidth(text, size) <= width) {
      return text;
    }
    int n = text.codePointCount(0, text.length());
    while (n > 1 && textWidth(Markup.truncate(text, n), size) > width) {
      n--;
    }
    return Markup.truncate(text, n);
  }
}
