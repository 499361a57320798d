namespace FairnessGovernor.Report
{
    /// <summary>
    /// The report's inline style sheet: light and dark colours (prefers-color-scheme), the Okabe-Ito palette for series,
    /// and an A4 print layout. No font, image or style sheet is loaded from anywhere.
    /// </summary>
    internal static class ReportStyle
    {
        public const string Css = @":root{color-scheme:light dark;--bg:#ffffff;--fg:#1b1b1b;--muted:#5c6166;--grid:#e4e6e8;--card:#f4f5f7;--line:#d5d8dc;
--c0:#0072B2;--c1:#E69F00;--c2:#009E73;--c3:#CC79A7;--c4:#56B4E9;--c5:#D55E00;--c6:#B8A800;--c10:#8c8c8c;
--ok:#009E73;--warn:#E69F00;--bad:#D55E00}
@media (prefers-color-scheme:dark){:root{--bg:#16181b;--fg:#e9eaec;--muted:#a3a8ad;--grid:#30343a;--card:#202328;--line:#3a3f45;--c6:#F0E442;--c10:#9a9a9a}}
*{box-sizing:border-box}
html{background:var(--bg)}
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;background:var(--bg);color:var(--fg);margin:0 auto;max-width:1000px;padding:20px 28px 40px}
h1{font-size:1.6em;margin:0 0 4px}
h2{font-size:1.3em;margin:32px 0 8px;padding-top:12px;border-top:2px solid var(--line)}
h3{font-size:1.08em;margin:22px 0 6px}
p.meta,p.note,figcaption{color:var(--muted)}
p.note{margin:4px 0 8px}
nav ol{margin:6px 0 0;padding-left:20px;columns:2}
code{font-family:ui-monospace,'Cascadia Mono',Menlo,Consolas,monospace;font-size:.95em}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(205px,1fr));gap:8px;margin:8px 0}
dl.figures div{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:6px 10px}
dl.figures dt{color:var(--muted);font-size:.85em}
dl.figures dd{margin:0;font-size:1.08em;font-weight:600;overflow-wrap:anywhere}
.verdict{display:inline-block;white-space:nowrap;border-radius:4px;padding:0 6px;font-weight:600}
.verdict.balanced{background:var(--ok);color:#fff}.verdict.mild_imbalance{background:var(--warn);color:#000}.verdict.strong_imbalance{background:var(--bad);color:#fff}
figure{margin:8px 0 14px}
figcaption{font-size:.9em;margin-top:2px}
svg.chart{display:block;max-width:100%;height:auto}
svg.chart text{fill:var(--fg);stroke:none;font-size:12px;font-family:inherit}
svg.chart .tick,svg.chart .note{fill:var(--muted);font-size:11px}
svg.chart .label{font-size:12px;font-weight:600}
.grid{stroke:var(--grid);stroke-width:1}
.axis{stroke:var(--muted);stroke-width:1}
.s0{stroke:var(--c0);fill:var(--c0)}.s1{stroke:var(--c1);fill:var(--c1)}.s2{stroke:var(--c2);fill:var(--c2)}.s3{stroke:var(--c3);fill:var(--c3)}
.s4{stroke:var(--c4);fill:var(--c4)}.s5{stroke:var(--c5);fill:var(--c5)}.s6{stroke:var(--c6);fill:var(--c6)}
.s7{stroke:var(--c0);fill:var(--c0)}.s8{stroke:var(--c1);fill:var(--c1)}.s9{stroke:var(--c2);fill:var(--c2)}.s10{stroke:var(--c10);fill:var(--c10)}
.series polyline{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
.s7 polyline,.key.s7{stroke-dasharray:7 4}.s8 polyline,.key.s8{stroke-dasharray:7 4}.s9 polyline,.key.s9{stroke-dasharray:7 4}.s10 polyline,.key.s10{stroke-dasharray:2 3}
.ref{stroke-width:1;stroke-dasharray:1 3;opacity:.9}
.key{stroke-width:3}
rect.bar{stroke:none}
.mark{stroke:var(--fg);stroke-width:2.5}
.limit{stroke:var(--c5);stroke-width:2;stroke-dasharray:3 2}
rect.second{fill:var(--c1);stroke:none}
.whisker{stroke:var(--fg);stroke-width:1.2}
rect.box{fill:var(--c4);fill-opacity:.45;stroke:var(--fg);stroke-width:1}
.median{stroke:var(--fg);stroke-width:2.5}
path.p95{fill:var(--c5);stroke:none}
details{margin:4px 0 10px}
summary{cursor:pointer;color:var(--muted)}
.scroll{max-height:420px;overflow:auto;border:1px solid var(--line);border-radius:4px;margin-top:4px}
table{border-collapse:collapse;font-size:.9em;width:100%}
th,td{padding:2px 8px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
thead th{position:sticky;top:0;background:var(--card)}
@page{size:A4;margin:12mm}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--grid:#ddd;--card:#fff;--line:#bbb;--c0:#0072B2;--c6:#B8A800}
body{max-width:none;padding:0;font-size:10pt}nav{display:none}h2{break-before:page;border-top:none}section:first-of-type>h2{break-before:auto}
figure,dl.figures,tr{break-inside:avoid}.scroll{max-height:none;overflow:visible;border:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
";
    }
}
