package dev.modelmonitor.ui;

import dev.modelmonitor.ui.chart.Palette;

/**
 * What the UI adds to the reports' stylesheet: the top bar, status colours of alerts and instances,
 * the cause links, and a highlight on the element a link pointed at.
 */
final class UiStyle {
  private UiStyle() {}

  static final String CSS =
      """
      .topbar { background: #101828; color: #fff; }
      .topbar .inner { max-width: 1232px; margin: 0 auto; padding: 10px 24px; display: flex; gap: 22px; align-items: center; }
      .topbar a { color: #D0D5DD; text-decoration: none; font-weight: 500; padding: 4px 0; border-bottom: 2px solid transparent; }
      .topbar a:hover, .topbar a.active { color: #fff; border-bottom-color: #fff; }
      .topbar a.brand { color: #fff; font-weight: 700; letter-spacing: .01em; margin-right: 8px; border: 0; }
      .topbar .count { background: %1$s; color: #fff; border-radius: 999px; padding: 0 7px; font-size: 12px; margin-left: 6px; }
      .topbar .stamp { margin-left: auto; color: #98A2B3; font-size: 12px; }
      .st-critical { --status: %1$s; } .st-warning { --status: %2$s; } .st-info { --status: %4$s; }
      .st-resolved { --status: %3$s; }
      .badge.small { font-size: 11px; padding: 2px 9px; }
      .pill.state-ready { background: #DCFAE6; color: #085D3A; }
      .pill.state-degraded { background: #FEF0C7; color: #93370D; }
      .pill.state-failed { background: #FEE4E2; color: #912018; }
      .pill.state-starting, .pill.state-loading { background: #EFF8FF; color: #175CD3; }
      .pill.state-stopped, .pill.state-unknown { background: #F2F4F7; color: #475467; }
      .pill.overdue { background: #FEE4E2; color: #912018; }
      .pills { display: flex; flex-wrap: wrap; gap: 4px; }
      table.models td { vertical-align: middle; }
      td .spark { display: block; margin-top: 2px; }
      td.name a { font-weight: 600; }
      table.instances td:first-child { white-space: nowrap; font-weight: 600; }
      .alerting { border-left: 6px solid %1$s; }
      .alerting.st-warning { border-left-color: %2$s; }
      .causes { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
      .causes a { display: inline-block; padding: 7px 12px; border: 1px solid #D0D5DD; border-radius: 8px;
        background: #fff; text-decoration: none; font-weight: 600; }
      .causes a.primary { background: #175CD3; border-color: #175CD3; color: #fff; }
      .causes a .sub { display: block; font-weight: 400; font-size: 12px; color: inherit; opacity: .8; }
      .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
      .panel h2 .more { font-size: 13px; font-weight: 400; margin-left: 10px; }
      .condition { font-size: 18px; font-weight: 650; margin: 2px 0 0; font-variant-numeric: tabular-nums; }
      ol.timeline { list-style: none; margin: 0; padding: 0; }
      ol.timeline li { display: grid; grid-template-columns: 190px 110px 1fr; gap: 12px; align-items: baseline;
        padding: 7px 0; border-bottom: 1px solid #EAECF0; }
      section[id], article[id], tr[id] { scroll-margin-top: 16px; }
      :target { outline: 3px solid #175CD3; outline-offset: 3px; }
      tr:target { outline-offset: -3px; }
      .empty { color: #475467; padding: 8px 0; }
      @media (max-width: 900px) { .charts { grid-template-columns: 1fr; } ol.timeline li { grid-template-columns: 1fr; } }
      """
          .formatted(
              Palette.STATUS_CRITICAL,
              Palette.STATUS_WARNING,
              Palette.STATUS_OK,
              Palette.STATUS_NEUTRAL);
}
