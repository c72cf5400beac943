/**
 * Local-module mode: function ARNs mapped to JavaScript module files that export `handler(event)`,
 * loaded by the server itself — for development and tests without any Lambda. Off unless
 * `--lambda-modules FILE` (COGNATE_LAMBDA_MODULES) names a JSON object `{ "<arn>": "<module path>" }`;
 * paths are relative to that file. ARNs the file does not name go to the next invoker (the Invoke API).
 *
 * The handler's result goes through JSON exactly as a Lambda payload would; a thrown error becomes a
 * function error with Lambda's `{ errorType, errorMessage }` payload.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type InvokeOutcome, type LambdaInvoker, TIMEOUT_REASON } from '../domain/triggers/invoker.ts';
import { StartupError } from '../server/startup-errors.ts';

type Handler = (event: unknown, context: Record<string, unknown>) => unknown;

/** Reads and checks the mapping file; a problem is a StartupError (one line, exit 252). */
export function readModuleMap(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new StartupError(`--lambda-modules ${file}: cannot read a JSON object (${(e as Error).message})`, 252);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new StartupError(`--lambda-modules ${file}: expected a JSON object mapping function ARNs to module paths`, 252);
  }
  const map = new Map<string, string>();
  for (const [arn, path] of Object.entries(parsed)) {
    if (typeof path !== 'string') throw new StartupError(`--lambda-modules ${file}: the module for ${arn} must be a path string`, 252);
    map.set(arn, resolve(dirname(file), path));
  }
  return map;
}

export class ModuleLambdaInvoker implements LambdaInvoker {
  private readonly handlers = new Map<string, Promise<Handler>>();

  constructor(
    private readonly modules: Map<string, string>,
    private readonly next?: LambdaInvoker,
  ) {}

  private load(path: string): Promise<Handler> {
    let h = this.handlers.get(path);
    if (!h) {
      h = import(pathToFileURL(path).href).then((m: { handler?: unknown; default?: { handler?: unknown } }) => {
        const fn = m.handler ?? m.default?.handler;
        if (typeof fn !== 'function') throw new Error(`${path} does not export handler(event)`);
        return fn as Handler;
      });
      this.handlers.set(path, h);
    }
    return h;
  }

  async invoke(functionArn: string, payload: Buffer, timeoutMs: number): Promise<InvokeOutcome> {
    const path = this.modules.get(functionArn);
    if (!path)
      return this.next ? this.next.invoke(functionArn, payload, timeoutMs) : { kind: 'failed', reason: 'ResourceNotFoundException' };
    let handler: Handler;
    try {
      handler = await this.load(path);
    } catch {
      return { kind: 'failed', reason: 'ResourceNotFoundException' };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), timeoutMs);
    });
    try {
      const event = JSON.parse(payload.toString('utf8')) as unknown;
      const context = { functionName: functionArn.split(':').pop(), invokedFunctionArn: functionArn };
      const result = await Promise.race([Promise.resolve().then(() => handler(event, context)), timeout]);
      if (result === 'timeout') return { kind: 'failed', reason: TIMEOUT_REASON };
      return { kind: 'ok', payload: Buffer.from(result === undefined ? 'null' : (JSON.stringify(result) ?? 'null'), 'utf8') };
    } catch (e) {
      const err = e instanceof Error ? { errorType: e.name, errorMessage: e.message } : { errorType: 'Error', errorMessage: String(e) };
      return { kind: 'function-error', payload: Buffer.from(JSON.stringify(err), 'utf8') };
    } finally {
      clearTimeout(timer);
    }
  }
}
