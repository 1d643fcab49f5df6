package dev.modelmonitor.report;

import dev.modelmonitor.ui.chart.Palette;

/**
 * The one stylesheet of the report and index pages, inlined into each file so that it opens
 * offline. System fonts only; sizes in px so text reads at 100% zoom; prints on A4/Letter.
 */
final class ReportStyle {
  private ReportStyle() {}

  static final String CSS =
      """
      :root { color-scheme: light; }
      * { box-sizing: border-box; }
      body { margin: 0; background: #F2F4F7; color: %1$s;
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
      main { max-width: 1232px; margin: 0 auto; padding: 24px 24px 40px; }
      a { color: #175CD3; }
      h1 { font-size: 26px; margin: 2px 0 4px; word-break: break-word; }
      h2 { font-size: 18px; margin: 0 0 12px; }
      h3 { font-size: 15px; margin: 0; word-break: break-word; }
      .eyebrow { color: %2$s; font-size: 12px; text-transform: uppercase; letter-spacing: .06em; font-weight: 600; }
      .meta { color: %2$s; }
      .panel { background: #fff; border: 1px solid #EAECF0; border-radius: 10px; padding: 18px 20px; margin-top: 16px; }
      .verdict { display: flex; gap: 16px; align-items: flex-start; border-left: 6px solid var(--status); }
      .badge { display: inline-block; background: var(--status); color: #fff; font-weight: 700; font-size: 13px;
        letter-spacing: .04em; text-transform: uppercase; padding: 5px 12px; border-radius: 999px; white-space: nowrap; }
      .headline { font-size: 20px; font-weight: 650; margin: 0; }
      .most { margin: 4px 0 0; color: #344054; }
      .reasons { margin: 6px 0 0; padding-left: 18px; color: #344054; }
      .status-drift { --status: %3$s; } .status-warning { --status: %4$s; } .status-ok { --status: %5$s; }
      .status-no-reference, .status-no-data { --status: %6$s; }
      .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-top: 16px; }
      .card { background: #fff; border: 1px solid #EAECF0; border-radius: 10px; padding: 12px 16px; }
      .card .label { color: %2$s; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; font-weight: 600; }
      .card .value { font-size: 24px; font-weight: 650; margin-top: 2px; }
      .card .sub { color: %2$s; font-size: 13px; }
      nav.toc { margin-top: 16px; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 13px; }
      table { border-collapse: collapse; width: 100%%; font-size: 13px; font-variant-numeric: tabular-nums; }
      th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #EAECF0; vertical-align: top; }
      th { color: %2$s; font-weight: 600; font-size: 12px; background: #F9FAFB; }
      td.num, th.num { text-align: right; white-space: nowrap; }
      table.drift-table th, table.drift-table td { padding: 5px 6px; }
      table.index { table-layout: fixed; }
      table.drift-table td { font-size: 12.5px; }
      td .sub { display: block; color: %2$s; font-size: 11.5px; }
      tr.drifted td:first-child { box-shadow: inset 3px 0 0 %3$s; }
      .scroll { overflow-x: auto; }
      .pill { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 999px; white-space: nowrap; }
      .pill.yes { background: #FEE4E2; color: #912018; } .pill.no { background: #DCFAE6; color: #085D3A; }
      .pill.na { background: #F2F4F7; color: #475467; }
      .pill.sev-critical { background: #FEE4E2; color: #912018; } .pill.sev-warning { background: #FEF0C7; color: #93370D; }
      .pill.sev-info { background: #EFF8FF; color: #175CD3; }
      .tag { color: %2$s; font-size: 12px; border: 1px solid #D0D5DD; border-radius: 4px; padding: 0 5px; margin-left: 6px; }
      .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
      .feature { border: 1px solid #EAECF0; border-radius: 10px; padding: 12px 14px; background: #fff; }
      .feature header { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; margin-bottom: 6px; }
      .feature .facts { color: #344054; font-size: 12.5px; margin-top: 4px; }
      .feature .note { color: %2$s; font-size: 12.5px; }
      svg.mm-chart { display: block; max-width: 100%%; height: auto; }
      .two { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 24px; }
      .matrix td.cell { text-align: right; min-width: 64px; }
      .matrix th.corner { background: #fff; }
      .muted { color: %2$s; }
      dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
      dl.facts dt { color: %2$s; } dl.facts dd { margin: 0; word-break: break-word; }
      footer { color: %2$s; font-size: 12px; margin-top: 24px; text-align: center; }
      @media (max-width: 900px) { .grid, .two { grid-template-columns: 1fr; } }
      @media print { body { background: #fff; } .panel, .feature, .card { break-inside: avoid; } nav.toc { display: none; } }
      """
          .formatted(
              Palette.TEXT,
              Palette.MUTED_TEXT,
              Palette.STATUS_CRITICAL,
              Palette.STATUS_WARNING,
              Palette.STATUS_OK,
              Palette.STATUS_NEUTRAL);
}
