/**
 * The phone page's stylesheet, served from `/assets/phone.css` (local only: no CDN, no web fonts).
 * Mobile first; on a wide screen the page sits in a phone-shaped frame, large enough for a
 * projector. Text is at least 4.5:1 against what is behind it (the app bar's white text on its
 * darkest-to-lightest reds 5.9:1 at worst; the "Sandbox" label red on white), focus rings 3:1.
 */
export const PHONE_CSS = `
:root {
  --brand: #e8262f; --brand-dark: #b81d25; --ink: #1d2330; --muted: #5f6b7a; --line: #e3e7ee;
  --bg: #f3f5f9; --card: #fff; --ok: #16803c; --ok-dark: #0f6a31; --no: #c62f36; --warn-bg: #fff4d6;
  --warn-ink: #6b4b00; --radius: 18px; --bar: #c41e26; --bar-dark: #9f1820; --focus: #1e5eff;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #d9dee7; color: var(--ink);
  font: 17px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.phone {
  background: var(--bg); min-height: 100vh; max-width: 560px; margin: 0 auto; padding-bottom: 28px;
}
@media (min-width: 700px) {
  body { padding: 28px 0; }
  .phone {
    min-height: 860px; border: 12px solid #151922; border-radius: 44px; overflow: hidden;
    box-shadow: 0 24px 60px rgba(21, 25, 34, .35); max-width: 470px;
  }
}
.app-bar {
  display: flex; flex-wrap: wrap; align-items: center; gap: 14px; padding: 18px 20px 22px;
  color: #fff;
  background: linear-gradient(160deg, var(--bar) 0%, var(--bar-dark) 100%);
}
.app-bar .logo {
  width: 46px; height: 46px; border-radius: 14px; background: #fff; color: var(--brand);
  display: grid; place-items: center; font-weight: 800; font-size: 26px; flex: none;
}
.app-bar h1 { margin: 0; font-size: 22px; line-height: 1.15; }
.app-bar p { margin: 2px 0 0; font-size: 15px; white-space: nowrap; }
.app-bar .tag {
  margin-left: auto; font-size: 12px; font-weight: 700; letter-spacing: .06em;
  text-transform: uppercase; color: var(--brand-dark);
  background: #fff; border-radius: 999px; padding: 4px 10px;
}
.content { padding: 0 14px; }
.banner, .flash {
  margin: 14px 0 0; padding: 12px 14px; border-radius: 14px; font-size: 15px;
}
.banner { background: var(--warn-bg); color: var(--warn-ink); border: 1px solid #f0d58a; }
.banner strong { display: block; margin-bottom: 2px; }
.flash { background: #e7f6ec; color: #0f5a2a; border: 1px solid #b9e3c6; font-weight: 600; }
.flash.bad { background: #fdecec; color: #8a1c22; border-color: #f3c2c5; }
h2 {
  font-size: 13px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted);
  margin: 24px 6px 10px; display: flex; align-items: center; gap: 8px;
}
h2 .count {
  background: var(--brand-dark); color: #fff; border-radius: 999px; font-size: 12px; padding: 1px 8px;
  letter-spacing: 0;
}
.card {
  background: var(--card); border-radius: var(--radius); padding: 16px 18px;
  box-shadow: 0 1px 2px rgba(21, 25, 34, .06), 0 6px 18px rgba(21, 25, 34, .06);
  margin-bottom: 12px;
}
.request { border-top: 5px solid var(--brand); }
.request .top { display: flex; align-items: center; justify-content: space-between; gap: 10px; }
.request .app { font-weight: 700; font-size: 14px; color: var(--brand-dark); }
.timer {
  font-variant-numeric: tabular-nums; font-size: 14px; color: var(--muted); background: var(--bg);
  border-radius: 999px; padding: 3px 10px; white-space: nowrap;
}
.request h3 { margin: 8px 0 12px; font-size: 21px; line-height: 1.25; overflow-wrap: anywhere; }
.details { margin: 0 0 14px; border-top: 1px solid var(--line); }
.details div {
  display: flex; justify-content: space-between; gap: 14px; padding: 9px 0;
  border-bottom: 1px solid var(--line);
}
.details dt { color: var(--muted); flex: none; max-width: 45%; overflow-wrap: anywhere; }
.details dd { margin: 0; font-weight: 600; text-align: right; overflow-wrap: anywhere; }
.actions { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.actions form { margin: 0; }
.actions button {
  width: 100%; font: inherit; font-weight: 700; font-size: 18px; padding: 14px 10px;
  border-radius: 14px; cursor: pointer; border: 2px solid transparent;
}
.actions .deny { background: #fff; color: var(--no); border-color: #efc3c6; }
.actions .deny:hover { background: #fdf1f1; }
.actions .approve { background: var(--ok); color: #fff; }
.actions .approve:hover { background: var(--ok-dark); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.empty { text-align: center; color: var(--muted); padding: 22px 18px; }
.empty strong { display: block; color: var(--ink); font-size: 18px; margin-bottom: 2px; }
.token-card { text-align: center; }
.token {
  font: 700 44px/1.1 ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  letter-spacing: .08em; margin: 4px 0 10px; color: var(--ink);
}
.token-meta { display: flex; align-items: center; gap: 10px; color: var(--muted); font-size: 14px; }
.token-meta span { font-variant-numeric: tabular-nums; min-width: 3.2em; text-align: right; }
progress {
  flex: 1; height: 8px; border: 0; border-radius: 999px; background: var(--line); overflow: hidden;
  appearance: none; -webkit-appearance: none;
}
progress::-webkit-progress-bar { background: var(--line); border-radius: 999px; }
progress::-webkit-progress-value { background: var(--brand); border-radius: 999px; }
progress::-moz-progress-bar { background: var(--brand); border-radius: 999px; }
.muted { color: var(--muted); }
.list { padding: 4px 18px; }
.list li { list-style: none; padding: 12px 0; border-bottom: 1px solid var(--line); }
.list li:last-child { border-bottom: 0; }
.list ul { margin: 0; padding: 0; }
.msg { display: flex; gap: 12px; align-items: flex-start; }
.msg .icon {
  flex: none; width: 36px; height: 36px; border-radius: 50%; display: grid; place-items: center;
  background: #fdecec; color: var(--brand);
}
.msg .body { overflow-wrap: anywhere; min-width: 0; }
.msg .text { white-space: pre-line; }
.msg .code {
  display: inline-block; margin-top: 4px;
  font: 700 20px/1.2 ui-monospace, Menlo, Consolas, monospace; letter-spacing: .08em;
  background: #fff3f3; color: var(--brand-dark); border-radius: 8px; padding: 3px 8px;
}
.when { display: block; font-size: 13px; color: var(--muted); margin-top: 2px; }
.history li { display: flex; justify-content: space-between; gap: 12px; align-items: center; }
.history .what { overflow-wrap: anywhere; min-width: 0; }
.badge {
  flex: none; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em;
  border-radius: 999px; padding: 3px 9px;
}
.badge.approved { background: #e7f6ec; color: #0f5a2a; }
.badge.denied { background: #fdecec; color: #8a1c22; }
.badge.expired { background: #eef1f6; color: var(--muted); }
.share { display: flex; gap: 14px; align-items: center; }
.share img { width: 112px; height: 112px; flex: none; image-rendering: pixelated; }
.share > div { min-width: 0; }
.share p { margin: 0 0 4px; font-size: 14px; overflow-wrap: anywhere; }
.share a { font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
.foot { text-align: center; font-size: 12px; color: var(--muted); margin-top: 18px; }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after {
    animation: none !important; transition: none !important; scroll-behavior: auto !important;
  }
}
`

/** The tab icon, served from `/assets/icon.svg` (and `/favicon.ico`). */
export const PHONE_ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
  '<rect width="64" height="64" rx="14" fill="#e8262f"/>' +
  '<text x="32" y="45" font-family="Arial,Helvetica,sans-serif" font-size="38" font-weight="700" ' +
  'fill="#fff" text-anchor="middle">A</text></svg>'
