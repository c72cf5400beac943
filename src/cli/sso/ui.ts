/** What the login shows while it waits: a spinner on a terminal only, and the browser opener (failures ignored). */
import { spawn } from 'node:child_process';

/** Starts a spinner on stdout when it is a TTY; the returned function erases it. */
export function startSpinner(text = 'Waiting for authorization'): () => void {
  if (!process.stdout.isTTY) return () => {};
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let i = 0;
  const timer = setInterval(() => process.stdout.write(`\r${frames[i++ % frames.length]} ${text}…`), 100);
  let running = true;
  return () => {
    if (!running) return;
    running = false;
    clearInterval(timer);
    process.stdout.write('\r\x1b[K');
  };
}

/** Opens the URL with $BROWSER or xdg-open (open on macOS); any failure is silently ignored. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv): void {
  const cmd = env.BROWSER || (process.platform === 'darwin' ? 'open' : 'xdg-open');
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true, env });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser: the URL is printed anyway
  }
}
