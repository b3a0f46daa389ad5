// The pages' only stylesheet, served from /assets (the CSP forbids inline styles).
export const STYLESHEET = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #f6f8fa;
  --card: #fff; --border: #d0d7de; --accent: #0b57d0; --accent-fg: #fff; --error: #b42318; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --card: #161b22; --border: #30363d;
    --accent: #4493f8; --accent-fg: #0d1117; --error: #ff7b72; }
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 1rem;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
.card { width: 100%; max-width: 26rem; padding: 2rem; background: var(--card);
  border: 1px solid var(--border); border-radius: 12px; }
.brand { margin: 0 0 1rem; font-weight: 700; letter-spacing: .02em; color: var(--muted); }
h1 { margin: 0 0 1rem; font-size: 1.5rem; line-height: 1.25; }
h2 { margin: 1.25rem 0 .5rem; font-size: 1rem; }
.muted { color: var(--muted); font-size: .9rem; }
.error { padding: .75rem 1rem; border: 1px solid var(--error); border-radius: 8px; color: var(--error); }
.field { display: grid; gap: .25rem; margin-bottom: 1rem; }
label { font-weight: 600; }
input[type="text"], input[type="password"] { width: 100%; padding: .6rem .75rem; font: inherit;
  color: inherit; background: transparent; border: 1px solid var(--border); border-radius: 8px; }
button { padding: .6rem 1.1rem; font: inherit; font-weight: 600; cursor: pointer; color: var(--fg);
  background: transparent; border: 1px solid var(--border); border-radius: 8px; }
button.primary { color: var(--accent-fg); background: var(--accent); border-color: var(--accent); }
button.link { padding: 0; border: 0; color: var(--accent); text-decoration: underline; font-weight: 400; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
.scopes { padding-left: 1.25rem; }
.scopes li { margin-bottom: .5rem; }
.scope-name { display: block; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9rem; }
.scope-description { color: var(--muted); }
.switch { margin-top: 1.5rem; font-size: .9rem; }
`;
