/**
 * The one stylesheet. System fonts only (no web-font request); colours meet WCAG AA contrast on
 * their backgrounds (text #1b1f24 on white 16:1, links #0b57d0 7:1, muted #57606a 6.4:1, badges
 * dark text on tinted backgrounds >= 7:1); a visible focus ring on everything focusable; the
 * field table becomes stacked cards below 720px; print drops navigation and forms.
 */
export const STYLES = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--soft:#f4f6f8;--line:#d0d7de;--link:#0b57d0;--accent:#0a3d91;
--accent-text:#0a3d91;--ok-bg:#dcf5e3;--ok-fg:#0b4d23;--bad-bg:#fde2e1;--bad-fg:#8a1111;--warn-bg:#fff4ce;--focus:#f59e0b;
--selected:#dbe7fb;--mark:#fff1a8}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#a3adb8;--bg:#0f1419;--soft:#1a2129;--line:#3a444f;
--link:#8ab4f8;--accent:#0a3d91;--accent-text:#8ab4f8;--ok-bg:#123d24;--ok-fg:#a6f0c0;--bad-bg:#4a1717;--bad-fg:#ffb8b0;
--warn-bg:#3a2f08;--selected:#1f3a66;--mark:#6b5a00}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
a:hover{color:var(--accent-text)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
code,.code-id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.wrap{max-width:1120px;margin:0 auto;padding:0 16px}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:8px;top:-48px;background:#1b1f24;color:#fff;padding:8px 12px;z-index:10}
.skip:focus{top:8px}
.site-header{background:var(--accent);color:#fff}
.header-row{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;padding-top:10px;padding-bottom:10px}
.brand{color:#fff;font-weight:700;font-size:1.25rem;text-decoration:none}
.brand span{font-weight:400}
.site-header a{color:#fff}
.site-header nav ul{display:flex;gap:16px;list-style:none;margin:0;padding:0}
.site-header nav a{text-decoration:none;padding:4px 2px}
.site-header nav a[aria-current=page]{border-bottom:3px solid #fff}
.site-header .search{flex:1 1 280px;margin-left:auto}
main{padding-top:16px;padding-bottom:40px;min-height:60vh}
main:focus{outline:none}
h1{font-size:1.75rem;line-height:1.25;margin:.4em 0}
h2{font-size:1.3rem;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:1.1rem}
.search{position:relative;display:block}
.search form{position:relative}
.search-row{display:flex;gap:8px}
.search input{flex:1;min-width:0;font:inherit;padding:8px 10px;border:2px solid var(--line);border-radius:6px;color:var(--fg);background:var(--bg)}
.search input:focus{border-color:var(--link)}
button,.button{font:inherit;padding:8px 14px;border-radius:6px;border:2px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button:hover,.button:hover{background:#072d6b;color:#fff}
.button-secondary{background:var(--bg);color:var(--accent-text)}
.search-big{margin:16px 0 20px}
.search-big label{display:block;font-weight:600;margin-bottom:6px}
.search-big input{font-size:1.2rem;padding:12px}
.suggest{position:absolute;left:0;right:0;top:100%;z-index:5;margin:2px 0 0;padding:0;list-style:none;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:6px;box-shadow:0 6px 20px rgba(0,0,0,.15);max-height:70vh;overflow:auto}
.suggest li{padding:8px 10px;cursor:pointer;border-bottom:1px solid var(--soft)}
.suggest li[aria-selected=true]{background:var(--selected)}
.suggest code{font-weight:700;margin-right:8px}
.suggest .muted{font-size:.85rem}
mark{background:var(--mark);color:inherit;padding:0 1px}
.muted{color:var(--muted)}
.eyebrow{color:var(--muted);margin:0}
.badge{display:inline-block;font-size:.85rem;font-weight:600;padding:1px 8px;border-radius:999px;white-space:nowrap}
.badge-active{background:var(--ok-bg);color:var(--ok-fg)}
.badge-terminated{background:var(--bad-bg);color:var(--bad-fg)}
.badge-neutral{background:var(--soft);color:var(--fg);border:1px solid var(--line)}
.status-line{margin:.3em 0}
.callout{background:var(--warn-bg);border-left:4px solid #9a6700;padding:8px 12px;margin:12px 0}
.callout h3{margin:.2em 0}
.release-selector,.compare-with{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:12px 0}
.release-selector label,.compare-with label{font-weight:600}
select{font:inherit;padding:6px 8px;border:2px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);max-width:100%}
.facts{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0;padding:0}
.facts div{border:1px solid var(--line);border-radius:6px;padding:6px 10px;min-width:0}
.facts dt{font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
.facts dd{margin:0}
.intro p{max-width:75ch}
.summary{font-size:1.1rem}
.table-scroll{overflow-x:auto;position:relative}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:8px;border-bottom:1px solid var(--line)}
thead th{background:var(--soft);font-size:.9rem}
.fields th[scope=row]{width:20%;font-weight:600}
.fields .value{width:14%;font-weight:600;word-break:break-word}
.fields .meaning{width:26%}
.fields .definition{color:var(--muted);font-size:.9rem}
.fields .definition p{margin:0 0 .5em}
.note{margin-top:6px;padding:6px 8px;background:var(--soft);border-radius:4px;font-size:.95rem}
.code-list{list-style:none;padding:0;margin:0}
.code-list li{padding:6px 0;border-bottom:1px solid var(--soft)}
.code-list code{font-weight:700;display:inline-block;min-width:4.5em}
.hits{list-style:none;padding:0}
.hits li{padding:10px 0;border-bottom:1px solid var(--line)}
.hits .hit-title{font-size:1.05rem}
.hits code{font-weight:700;margin-right:6px}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;background:var(--soft);padding:12px;border-radius:6px;margin:12px 0}
.filters div{display:flex;flex-direction:column;gap:2px}
.filters label{font-size:.9rem;font-weight:600}
.filter-box{margin:12px 0}
.filter-box summary{cursor:pointer;font-weight:600;padding:4px 0}
.filter-box .filters{margin-top:4px}
.pager{display:flex;justify-content:space-between;align-items:center;margin:16px 0;gap:8px}
.timeline{list-style:none;padding:0;margin:0;border-left:3px solid var(--line)}
.timeline>li{position:relative;padding:4px 0 12px 18px}
.timeline>li::before{content:"";position:absolute;left:-8px;top:10px;width:13px;height:13px;border-radius:50%;background:var(--bg);border:3px solid var(--link)}
.timeline .change{font-size:.92rem;margin:4px 0;padding-left:18px}
del{color:var(--bad-fg)}
ins{color:var(--ok-fg);text-decoration:none;font-weight:600}
.text-diff del{background:var(--bad-bg)}
.text-diff ins{background:var(--ok-bg);text-decoration:underline}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px;padding:0;list-style:none}
.card{border:1px solid var(--line);border-radius:8px;padding:12px}
.card h2,.card h3{margin:0 0 4px;border:0;font-size:1.1rem}
.card p{margin:4px 0}
.counts td,.counts th{white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums}
.summary-table{width:auto;min-width:min(100%,420px)}
.summary-table th,.summary-table td{padding:4px 12px 4px 0}
.diff-group summary{cursor:pointer;font-weight:600;padding:6px 0}
.contact{background:var(--soft);padding:4px 16px 12px;border-radius:8px;margin-top:24px}
.contact h2{border:0}
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;padding:8px 0}
.hits li{position:relative}
.hits .hit-link::after{content:"";position:absolute;inset:0}
.hits li:hover{background:var(--soft)}
.hits li a:not(.hit-link){position:relative;z-index:1}
.suggested{margin-top:2px}
.hit-check{font-size:.92rem;margin-top:2px}
.date-check{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:12px 0}
.date-check-form,.date-filter{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.date-check-form label,.date-filter label{font-weight:600}
.date-filter{margin:12px 0}
input[type=date],input[type=text]{font:inherit;padding:6px 8px;border:2px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
.date-answer p{margin:.5em 0 .2em}
.reasons{margin:0;padding-left:20px}
.error{color:var(--bad-fg)}
.copy-row{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}
.copy-row button{padding:4px 10px;font-size:.9rem}
.fields .definition summary{cursor:pointer;color:var(--link)}
.print-only{display:none}
.compare th[scope=col]{white-space:nowrap}
.compare tr.differs th[scope=row]{border-left:4px solid #9a6700}
.nowrap,time{white-space:nowrap}
.compare-timeline{margin:0;padding-left:18px;min-width:16em;font-size:.9rem}
.compare-timeline li{margin:2px 0}
.pick-list th,.pick-list td{padding:4px 8px}
.pick-list tbody th,.pick-list time{white-space:nowrap}
#pick-codes,#compare-codes{width:min(100%,24em)}
.pick-form{border:1px solid var(--line);border-radius:6px;padding:4px 12px 12px;margin:12px 0}
.pick-form label{margin-right:12px;white-space:nowrap}
dl.dict dt{font-weight:600;margin-top:10px}
dl.dict dd{margin-left:0}
@media (max-width:720px){
  h1{font-size:1.35rem}
  .site-header .search{flex-basis:100%}
  .fields thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  .fields tr{display:block;border-bottom:2px solid var(--line);padding:6px 0}
  .fields,.fields tbody{display:block}
  .fields th[scope=row],.fields td,.fields .value,.fields .meaning,.fields .definition{display:block;width:auto;border:0;padding:2px 0}
  .fields .value::before{content:"Value: ";font-weight:400;color:var(--muted)}
  .fields .meaning:not(:empty)::before{content:"Meaning: ";color:var(--muted)}
  .filters{flex-direction:column;align-items:stretch}
  .filters div{min-width:0}
  .filters select,.filters input{width:100%}
  .release-selector select{flex:1;min-width:0}
  .hide-narrow{display:none}
}
@media print{
  :root{color-scheme:light;--fg:#000;--muted:#333;--bg:#fff;--soft:#fff;--line:#999;--link:#000;--bad-fg:#000;--ok-fg:#000}
  .site-header,.site-footer,.skip,.release-selector,.no-print,.suggest,.pager,form,.copy-row{display:none!important}
  .print-only{display:block}
  .print-footer{border-top:1px solid #999;font-size:9pt;margin-top:12px}
  main{min-height:0;padding-top:0}
  time,.fields .value{white-space:nowrap}
  .fields .definition,.fields thead th:last-child{display:none}
  body{font-size:11pt}
  a{color:inherit;text-decoration:none}
  .fields .definition{color:#333}
  tr,li{break-inside:avoid}
  .callout,.contact,.note{border:1px solid #999;background:none}
  @page{margin:12mm}
  .wrap{max-width:none;padding:0}
  h1{margin:0 0 6px;font-size:15pt}
  .pick-list{font-size:9.5pt}
  .pick-list th,.pick-list td{padding:2px 6px;border-bottom:1px solid #999}
  .pick-list thead{display:table-header-group}
  .pick-list .pick-status,.pick-list .pick-release{white-space:nowrap}
  .pick-list .badge{padding:0;border:0;background:none;font-weight:700}
}
`;
