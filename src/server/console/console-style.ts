/** The console's stylesheet: system fonts, no external resources, contrast kept at WCAG AA on both themes. */
export const consoleStyle = String.raw`
:root {
  --bg: #f6f7f9; --panel: #fff; --ink: #1c2430; --muted: #5b6675; --line: #d9dee5;
  --ok: #17803d; --warn: #b45309; --bad: #b91c1c; --accent: #1d4ed8; --chip: #eef1f5;
  color-scheme: light;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); }
header { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: #111827; color: #f9fafb; }
header h1 { font-size: 17px; margin: 0; font-weight: 600; }
header .spacer { flex: 1; }
header button { background: #374151; color: #f9fafb; border-color: #4b5563; }
.live { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; }
.live::before { content: ""; width: 9px; height: 9px; border-radius: 50%; background: #9ca3af; }
.live[data-state="live"]::before { background: #22c55e; }
.live[data-state="down"]::before { background: #ef4444; }
main { display: grid; grid-template-columns: minmax(0, 1.25fr) minmax(460px, 1fr); gap: 16px; padding: 16px 20px; }
.column { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
h2 { font-size: 15px; margin: 0 0 8px; display: flex; align-items: baseline; gap: 8px; }
h2 small { font-weight: 400; color: var(--muted); font-size: 12px; }
button, input, select { font: inherit; color: inherit; }
button { white-space: nowrap; border: 1px solid var(--line); background: var(--chip); border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
button.danger { color: var(--bad); }
button:hover { filter: brightness(0.96); }
input, select { border: 1px solid #b8c0cc; border-radius: 6px; padding: 4px 8px; background: #fff; min-width: 0; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.field { display: flex; flex-direction: column; gap: 2px; }
.field[hidden] { display: none; }
.field > label { font-size: 12px; color: var(--muted); }
label.check { display: inline-flex; align-items: center; gap: 4px; font-size: 13px; padding-bottom: 5px; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0; padding: 8px; display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
legend { font-size: 12px; color: var(--muted); padding: 0 4px; }
.row { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
form { display: flex; flex-direction: column; gap: 8px; }
.errors { color: var(--bad); margin: 0; padding-left: 18px; }
.note { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; background: var(--chip); white-space: nowrap; }
.badge.success { background: #dcfce7; color: #14532d; }
.badge.rejected { background: #fef3c7; color: #78350f; }
.badge.fault { background: #fee2e2; color: #7f1d1d; }
.mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 12px; }
.journal { max-height: 60vh; overflow: auto; border-top: 1px solid var(--line); }
.journal details { border-bottom: 1px solid var(--line); }
.journal summary { display: grid; grid-template-columns: 70px minmax(150px, 1.4fr) minmax(60px, 0.7fr) 56px minmax(80px, 1fr) minmax(80px, 1fr) 64px 44px; gap: 8px; padding: 5px 4px; cursor: pointer; align-items: center; list-style: none; }
.journal summary::-webkit-details-marker { display: none; }
.journal summary > span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.journal .head { display: grid; grid-template-columns: 70px minmax(150px, 1.4fr) minmax(60px, 0.7fr) 56px minmax(80px, 1fr) minmax(80px, 1fr) 64px 44px; gap: 8px; padding: 4px 4px 4px 4px; font-size: 12px; color: var(--muted); position: sticky; top: 0; background: var(--panel); border-bottom: 1px solid var(--line); }
.journal details[open] summary { background: #eef2ff; }
.journal details.fresh summary { animation: fresh 1.6s ease-out; }
@keyframes fresh { from { background: #fef9c3; } to { background: transparent; } }
.entry { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; padding: 8px 6px 12px; background: #fafbfc; }
.entry h3 { font-size: 12px; margin: 0 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 10px; margin: 0; font-size: 12px; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
.rules-box { max-height: 300px; overflow: auto; margin-bottom: 12px; border-bottom: 1px solid var(--line); }
.rules-box thead th { position: sticky; top: 0; background: var(--panel); }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; border-bottom: 1px solid var(--line); padding: 4px; }
td { border-bottom: 1px solid var(--line); padding: 4px; vertical-align: middle; overflow-wrap: anywhere; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.users { display: flex; flex-direction: column; gap: 8px; max-height: 40vh; overflow: auto; }
.user { display: flex; gap: 10px; align-items: center; border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; }
.user .who { flex: 1; min-width: 0; }
.user .who strong { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.faces { display: flex; gap: 4px; }
.thumb { width: 44px; height: 44px; border-radius: 6px; object-fit: cover; border: 1px solid var(--line); }
.thumb.placeholder { display: flex; flex-direction: column; align-items: center; justify-content: center; background: repeating-linear-gradient(45deg, #eef1f5, #eef1f5 6px, #e3e7ed 6px, #e3e7ed 12px); color: var(--muted); font-size: 9px; line-height: 1.15; text-align: center; }
.thumb.placeholder b { color: var(--ink); font-size: 10px; text-transform: uppercase; }
.chart svg { width: 100%; height: auto; display: block; }
.legend { display: flex; gap: 14px; font-size: 12px; color: var(--muted); flex-wrap: wrap; }
.legend .k-success { background: #16a34a; }
.legend .k-rejected { background: #d97706; }
.legend .k-fault { background: #dc2626; }
input.narrow { width: 6em; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
pre.answer { background: #0f172a; color: #e2e8f0; border-radius: 6px; padding: 8px; margin: 0; max-height: 180px; overflow: auto; font-size: 12px; white-space: pre-wrap; }
.empty { color: var(--muted); font-size: 13px; padding: 6px 4px; }
.skip { display: inline-block; background: var(--accent); color: #fff; padding: 4px 10px; border-radius: 6px; margin: 4px 0; }
.skip:not(:focus) { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; margin: 0; padding: 0; }
#journal-filters { margin: 6px 0 8px; }
#journal-filters .field input { width: 9.5em; }
#journal-filters .field input.mid { width: 12em; }
#journal-filters [aria-invalid="true"] { border-color: var(--bad); outline: 2px solid var(--bad); }
tr.used-up td { color: var(--muted); background: repeating-linear-gradient(135deg, transparent, transparent 6px, #f3f4f6 6px, #f3f4f6 12px); }
tr.used-up strong { text-decoration: line-through; }
.badge.used { background: #e5e7eb; color: #374151; margin-left: 6px; font-weight: 600; }
.limit { color: var(--muted); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 1100px) { main { grid-template-columns: 1fr; } }
`;
