package dev.modelmonitor.ui.chart;

import java.util.List;

/**
 * Colours that people with the common colour-vision deficiencies can tell apart: the Okabe–Ito
 * palette for data, and darker status colours that hold white text at a contrast of at least 4.5:1.
 * Charts never rely on colour alone: legends, labels and tooltips name every series.
 */
public final class Palette {
  /** Okabe–Ito blue: the current window. */
  public static final String BLUE = "#0072B2";

  /** Okabe–Ito orange: the reference. */
  public static final String ORANGE = "#E69F00";

  public static final String GREEN = "#009E73";

  /** Okabe–Ito vermillion: values over a threshold. */
  public static final String VERMILLION = "#D55E00";

  public static final String SKY_BLUE = "#56B4E9";
  public static final String PURPLE = "#CC79A7";
  public static final String YELLOW = "#F0E442";
  public static final String BLACK = "#000000";

  public static final String CURRENT = BLUE;
  public static final String REFERENCE = ORANGE;
  public static final String FLAGGED = VERMILLION;
  public static final String THRESHOLD = "#B42318";

  /** Status badge backgrounds (white text). */
  public static final String STATUS_CRITICAL = "#B42318";

  public static final String STATUS_WARNING = "#B54708";
  public static final String STATUS_OK = "#067647";
  public static final String STATUS_NEUTRAL = "#475467";

  /** Chart furniture. */
  public static final String TEXT = "#1D2939";

  public static final String MUTED_TEXT = "#475467";
  public static final String GRID = "#E4E7EC";
  public static final String AXIS = "#98A2B3";

  private static final List<String> SERIES =
      List.of(BLUE, ORANGE, GREEN, VERMILLION, SKY_BLUE, PURPLE, BLACK, YELLOW);

  private Palette() {}

  /** The colour of the {@code index}-th series (cycles after eight). */
  public static String series(int index) {
    return SERIES.get(Math.floorMod(index, SERIES.size()));
  }
}
