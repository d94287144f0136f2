/// The report's inline style sheet: readable on a laptop, printable, no external resources.
enum HTMLStyle {
  static let css = """
    :root { --ink: #1b1f23; --muted: #5f6b76; --line: #d9dee3; --paper: #ffffff; --wash: #f5f7f9;
      --higher: #542788; --lower: #b35806; --neutral: #78909c; }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--wash); color: var(--ink);
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
    header h1 { font-size: 1.7rem; margin: 0 0 4px; }
    .meta { color: var(--muted); margin: 0; }
    nav { margin: 14px 0 8px; display: flex; flex-wrap: wrap; gap: 6px 14px; }
    nav a { color: var(--higher); text-decoration: none; border-bottom: 1px solid transparent; }
    nav a:hover { border-bottom-color: currentColor; }
    section.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin: 18px 0;
      box-shadow: 0 1px 2px rgba(0,0,0,.04); }
    h2 { font-size: 1.35rem; margin: 0 0 6px; }
    h3 { font-size: 1.05rem; margin: 18px 0 6px; }
    p.note { color: var(--muted); margin: 4px 0 10px; font-size: .9rem; }
    figure { margin: 8px 0 4px; }
    svg { display: block; }
    .chart-wrap { overflow-x: auto; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .name { overflow-wrap: anywhere; }
    .muted { color: var(--muted); }
    table.heatmap { border-collapse: separate; border-spacing: 3px; font-size: 13px; }
    table.heatmap thead th { font-weight: 600; font-size: 13px; min-width: 6.5rem; max-width: 10rem; vertical-align: bottom;
      overflow-wrap: anywhere; hyphens: auto; padding: 2px 4px; text-align: center; }
    table.heatmap th.team { text-align: right; max-width: 15rem; min-width: 8rem; padding: 2px 8px; font-weight: 400; }
    table.heatmap th.team.org { font-weight: 700; }
    table.heatmap th .sub, table.heatmap td .sub { display: block; font-size: 12px; }
    table.heatmap th .sub { color: var(--muted); }
    table.heatmap td { text-align: center; border-radius: 4px; padding: 5px 4px; min-width: 6.5rem; border: 1px solid #cfd8dc; }
    table.heatmap td .main { display: block; font-size: 14px; font-weight: 600; font-variant-numeric: tabular-nums; }
    table.heatmap td.meaningful { border: 2px solid #1b1f23; }
    table.heatmap td.dashed { border: 1.5px dashed #37474f; }
    table.heatmap td.index { background: #fff; border-color: #90a4ae; }
    table.heatmap td.hatched { background: repeating-linear-gradient(45deg, #eceff1 0 4px, #cfd8dc 4px 7px); color: #37474f; font-style: italic; }
    table.bands td p { margin: 0 0 4px; }
    svg text { font-family: inherit; }
    .col-label { font-size: 12.5px; font-weight: 600; fill: var(--ink); }
    .row-label { font-size: 13px; fill: var(--ink); }
    .row-label.small { font-size: 12px; }
    .row-label.org { font-weight: 700; }
    .row-label.muted { fill: var(--muted); }
    .row-sub, .axis, .value { font-size: 12px; fill: var(--muted); }
    .cell-main { font-size: 14px; font-weight: 600; }
    .cell-sub { font-size: 12px; }
    .suppressed-label { font-size: 12px; font-style: italic; fill: #455a64; }
    .grid { stroke: #e3e7eb; stroke-width: 1; }
    .reference { stroke: #37474f; stroke-width: 1.5; stroke-dasharray: 5 4; }
    .ci { stroke: #455a64; stroke-width: 2; }
    .dot { fill: #37474f; stroke: #fff; stroke-width: 1.5; }
    .dot.baseline { fill: #fff; stroke: #37474f; stroke-width: 2; }
    .dot.higher { fill: var(--higher); }
    .dot.lower { fill: var(--lower); }
    .dot.neutral { fill: var(--neutral); }
    .baseline-mark { fill: none; stroke: var(--ink); stroke-width: 1.5; }
    .legend { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 22px; font-size: .85rem; color: var(--muted); margin-top: 6px; }
    .legend .ramp { display: inline-block; width: 180px; height: 12px; border-radius: 3px; vertical-align: middle; margin: 0 6px;
      background: linear-gradient(to right, #b35806, #f1a340, #fee0b6, #f7f7f7, #d8daeb, #998ec3, #542788); }
    .swatch { display: inline-block; width: 16px; height: 12px; border-radius: 2px; vertical-align: middle; margin-right: 4px; }
    .swatch.hatch { background: repeating-linear-gradient(45deg, #eceff1 0 3px, #b0bec5 3px 5px); }
    .swatch.dashed { border: 1.5px dashed #37474f; }
    .profiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 10px 18px; }
    .profiles figure { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; margin: 0; }
    .profiles figcaption { font-weight: 600; font-size: .95rem; }
    .profiles figcaption span { font-weight: 400; color: var(--muted); }
    .table-wrap { overflow-x: auto; }
    table.data { border-collapse: collapse; width: 100%; font-size: .86rem; margin: 6px 0 10px; }
    table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
    table.data thead th { background: var(--wash); font-weight: 600; }
    table.data td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .verdict-higher { color: var(--higher); font-weight: 700; }
    .verdict-lower { color: var(--lower); font-weight: 700; }
    .warning { color: #8a4b00; }
    ul.privacy li, ul.method li { margin: 3px 0; }
    footer { color: var(--muted); font-size: .8rem; text-align: center; margin-top: 26px; }
    @media (max-width: 700px) { main { padding: 12px; } section.card { padding: 12px; } }
    @media print {
      body { background: #fff; font-size: 11pt; }
      main { max-width: none; padding: 0; }
      nav { display: none; }
      section.card { border: none; box-shadow: none; padding: 0; margin: 0 0 14pt; }
      figure, .profiles figure, tr { break-inside: avoid; page-break-inside: avoid; }
      .table-wrap, .chart-wrap { overflow: visible; }
      @page { margin: 14mm; }
      section.card.framework { break-before: page; }
      section.card.framework:first-of-type { break-before: auto; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
