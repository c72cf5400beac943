/** HTML for the Identity Center pages: escaping, one layout, and a writer with protective headers. */
import type { ServerResponse } from 'node:http';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A hidden input. */
export function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`;
}

/** A labelled text or password input. */
export function field(name: string, label: string, opts: { type?: string; value?: string; autocomplete?: string } = {}): string {
  const id = `f-${name}`;
  return `<p><label for="${id}">${esc(label)}</label><br><input id="${id}" name="${esc(name)}" type="${opts.type ?? 'text'}" value="${esc(
    opts.value ?? '',
  )}" autocomplete="${opts.autocomplete ?? 'off'}" required></p>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#16191f}
h1{font-size:1.4rem}input[type=text],input[type=password]{width:100%;padding:.4rem;font-size:1rem}
button{padding:.45rem 1.1rem;font-size:1rem;margin-right:.5rem}.code{font-family:monospace;font-size:1.5rem;letter-spacing:.1em}
.error{color:#b0001e}table{border-collapse:collapse}td,th{padding:.25rem .75rem;text-align:left;border-bottom:1px solid #ddd}`;

export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(title)} — Cognate</title><style>${STYLE}</style></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

/** Writes a page. Pages are never cached or framed, and run no script. */
export function sendHtml(res: ServerResponse, status: number, html: string, cookies: string[] = []): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    ...(cookies.length ? { 'Set-Cookie': cookies } : {}),
  });
  res.end(html);
}

/** A 303 redirect (after a POST) or 302 (to a client's redirect URI). */
export function redirect(res: ServerResponse, location: string, cookies: string[] = [], status = 303): void {
  res.writeHead(status, {
    Location: location,
    'Cache-Control': 'no-store',
    'Content-Length': 0,
    ...(cookies.length ? { 'Set-Cookie': cookies } : {}),
  });
  res.end();
}

/** The error page: what went wrong and where to go back to. */
export function sendErrorPage(
  res: ServerResponse,
  status: number,
  title: string,
  message: string,
  back?: string,
  cookies: string[] = [],
): void {
  const link = back ? `<p><a href="${esc(back)}">Try again</a></p>` : '';
  sendHtml(res, status, layout(title, `<p class="error" role="alert">${esc(message)}</p>${link}`), cookies);
}
