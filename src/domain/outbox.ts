/**
 * Messages Cognito would e-mail or text (confirmation codes, temporary passwords, reset codes) are
 * written to an outbox a developer can read: one JSON line each in {dataDir}/outbox.jsonl, and the log.
 */
import { appendFileSync, chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface OutboxMessage {
  at: string;
  poolId: string;
  username: string;
  medium: 'EMAIL' | 'SMS';
  destination: string;
  kind: 'signup-code' | 'forgot-password-code' | 'temporary-password' | 'verify-attribute-code' | 'mfa-code';
  code: string;
  /** The e-mail subject, from the pool's templates (e-mail only). */
  subject?: string;
  /** The message as the pool's templates render it, code filled in. */
  message?: string;
}

export interface Outbox {
  deliver(msg: OutboxMessage): void;
  /** The latest messages kept in memory (newest last). */
  recent(): OutboxMessage[];
}

export class FileOutbox implements Outbox {
  private readonly messages: OutboxMessage[] = [];
  constructor(
    private readonly dir: string | undefined,
    private readonly log: (line: string) => void,
  ) {}
  deliver(msg: OutboxMessage): void {
    this.messages.push(msg);
    if (this.messages.length > 1000) this.messages.shift();
    if (this.dir) {
      const file = join(this.dir, 'outbox.jsonl');
      const fresh = !existsSync(file);
      appendFileSync(file, `${JSON.stringify(msg)}\n`, { mode: 0o600 });
      if (fresh) chmodSync(file, 0o600);
    }
    this.log(`outbox: ${msg.kind} for ${msg.username} in ${msg.poolId} via ${msg.medium} ${msg.destination}: ${msg.code}`);
  }
  recent(): OutboxMessage[] {
    return [...this.messages];
  }
}
