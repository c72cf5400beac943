/** The clock is an interface so tests can move time forward instead of sleeping. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start = Date.now()) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(t: number): void {
    this.t = t;
  }
}

/**
 * A clock offset from the system clock (advance() moves it forward). freeze() stops it where it is until
 * thaw(), so a test can check a deadline of seconds however slowly a busy machine runs it.
 */
export class OffsetClock implements Clock {
  offset = 0;
  private frozenAt: number | undefined;
  now(): number {
    return (this.frozenAt ?? Date.now()) + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
  freeze(): void {
    this.frozenAt ??= Date.now();
  }
  /** Lets the clock run again from the moment it was frozen (the frozen time is not skipped). */
  thaw(): void {
    if (this.frozenAt === undefined) return;
    this.offset -= Date.now() - this.frozenAt;
    this.frozenAt = undefined;
  }
}
