/**
 * The functions the trigger tests point pools at: one ARN per trigger, all served by
 * `lambda/programmable.mjs`, whose behaviour each test sets (answer, throw, stall) and whose received
 * events are recorded for comparison with the fixtures.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODULE = fileURLToPath(new URL('./lambda/programmable.mjs', import.meta.url));
export const REGION = 'us-east-1';
export const arnOf = (name: string) => `arn:aws:lambda:${REGION}:123456789012:function:${name}`;

export type Event = Record<string, unknown> & {
  triggerSource: string;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
};
/** What a function does with an event: return a value (the answer), throw, or stall. */
export type Behaviour = (event: Event) => unknown | Promise<unknown>;

export interface Recorded {
  arn: string;
  event: Event;
}

export class Functions {
  readonly calls: Recorded[] = [];
  private readonly behaviours = new Map<string, Behaviour>();

  constructor() {
    (globalThis as Record<string, unknown>).__cognateTriggerProgramme = (event: Event, ctx: { invokedFunctionArn?: string }) => {
      const arn = ctx?.invokedFunctionArn ?? '';
      this.calls.push({ arn, event: JSON.parse(JSON.stringify(event)) as Event });
      const b = this.behaviours.get(arn);
      return b ? b(event) : event;
    };
  }

  /** Sets what the function `name` does; without a behaviour it echoes the event (as most triggers expect). */
  on(name: string, b: Behaviour): void {
    this.behaviours.set(arnOf(name), b);
  }

  reset(): void {
    this.calls.length = 0;
    this.behaviours.clear();
  }

  /** Events received by function `name` (or every call). */
  events(name?: string): Event[] {
    return this.calls.filter((c) => !name || c.arn === arnOf(name)).map((c) => c.event);
  }

  /** A --lambda-modules file mapping the given function names to the programmable module. */
  moduleMap(names: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-lambda-'));
    const file = join(dir, 'functions.json');
    writeFileSync(file, JSON.stringify(Object.fromEntries(names.map((n) => [arnOf(n), MODULE]))));
    return file;
  }
}
