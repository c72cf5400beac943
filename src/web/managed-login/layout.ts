/**
 * The look of the managed-login pages: one centred card, system fonts, large touch targets, visible
 * focus, labels on every input, no script. Forms carry the CSRF token and the authorization request.
 */
import { esc, hidden } from '../html.ts';

const STYLE = `*{box-sizing:border-box}body{margin:0;min-height:100vh;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#16191f;background:#f2f3f3;display:flex;align-items:flex-start;justify-content:center;padding:4vh 1rem}
main{width:100%;max-width:24rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.15);padding:2rem 1.5rem}
h1{font-size:1.35rem;margin:0 0 1.25rem}label{display:block;font-weight:600;margin:.9rem 0 .3rem}
input{width:100%;font-size:1rem;padding:.65rem .75rem;border:1px solid #8d99a8;border-radius:8px}
input:focus,button:focus,a:focus{outline:3px solid #0972d3;outline-offset:2px}
button{width:100%;margin-top:1.4rem;padding:.75rem;font-size:1rem;font-weight:600;color:#fff;background:#0972d3;border:0;border-radius:20px;cursor:pointer}
.links{margin-top:1.2rem;display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap;font-size:.95rem}a{color:#0972d3}
.error{color:#b0001e;background:#fff1f2;border:1px solid #f5c2c7;border-radius:8px;padding:.6rem .75rem;margin:0 0 1rem}
.note{color:#0b5521;background:#effbf1;border:1px solid #b7e4c0;border-radius:8px;padding:.6rem .75rem;margin:0 0 1rem}
.hint{font-size:.875rem;color:#5f6b7a;margin:.3rem 0 0}.app{color:#5f6b7a;font-size:.9rem;margin:-.9rem 0 1.2rem}`;

/** A whole page. */
export function page(title: string, body: string, appName?: string): string {
  const app = appName ? `<p class="app">to continue to ${esc(appName)}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body><main><h1>${esc(title)}</h1>${app}${body}</main></body></html>`;
}

export interface InputOptions {
  type?: string;
  autocomplete?: string;
  value?: string;
  hint?: string;
  inputmode?: string;
}

/** A labelled, required input (the hint, if any, is tied to it with aria-describedby). */
export function input(name: string, label: string, o: InputOptions = {}): string {
  const id = `in-${name}`;
  const hint = o.hint ? `<p class="hint" id="${id}-hint">${esc(o.hint)}</p>` : '';
  return `<label for="${id}">${esc(label)}</label><input id="${id}" name="${esc(name)}" type="${o.type ?? 'text'}" value="${esc(
    o.value ?? '',
  )}" autocomplete="${o.autocomplete ?? 'off'}"${o.inputmode ? ` inputmode="${o.inputmode}"` : ''}${o.hint ? ` aria-describedby="${id}-hint"` : ''} required>${hint}`;
}

/** A form posting to `action` with the CSRF token and hidden fields. */
export function form(action: string, csrf: string, fields: Record<string, string>, inner: string, button: string): string {
  const h = Object.entries(fields)
    .map(([k, v]) => hidden(k, v))
    .join('');
  return `<form method="post" action="${esc(action)}" novalidate>${hidden('csrf', csrf)}${h}${inner}<button type="submit">${esc(button)}</button></form>`;
}

/** An error (role=alert, read out by screen readers) or a note. */
export function message(kind: 'error' | 'note', text: string | undefined): string {
  if (!text) return '';
  return kind === 'error' ? `<p class="error" role="alert">${esc(text)}</p>` : `<p class="note" role="status">${esc(text)}</p>`;
}

/** Links under a form, each keeping the authorization request's query string. */
export function links(query: string, items: [path: string, label: string][]): string {
  return `<p class="links">${items.map(([p, l]) => `<a href="${esc(`${p}?${query}`)}">${esc(l)}</a>`).join('')}</p>`;
}
