// Drives bench/lib/populate.ts (a tsx child writing through Cognate's own store code) over JSON lines.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ROOT } from './targets.mjs';

export function startPopulator() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/populate.ts'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (l) => waiting.shift()?.(JSON.parse(l)));
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w({ ok: false, error: `populator exited (${code}): ${stderr}` });
  });
  return {
    /** Sends one command; resolves its answer or throws the populator's error. */
    async send(cmd) {
      const answer = await new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${JSON.stringify(cmd)}\n`);
      });
      if (!answer.ok) throw new Error(answer.error);
      return answer;
    },
    async close() {
      child.stdin.end();
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    },
  };
}
