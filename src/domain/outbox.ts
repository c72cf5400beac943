/**
 * Messages Cognito would e-mail or text (confirmation codes, temporary passwords, reset codes) are
 * written to an outbox a developer can read: one JSON line each in {dataDir}/outbox.jsonl, and the log.
 * The file is rotated to outbox.jsonl.1 past 8 MiB, so it cannot grow without bound.
 */
import { appendFileSync, chmodSync, existsSync, renameSync, statSync } from 'node:fs';
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

/** In-memory messages kept for `recent()`. */
export const OUTBOX_MEMORY_LIMIT = 1000;
/** outbox.jsonl is rotated to outbox.jsonl.1 (replacing the previous one) past this size. */
export const OUTBOX_FILE_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * The development outbox. Both of its stores are bounded, since anyone can make a server send codes: the
 * in-memory list is a ring of OUTBOX_MEMORY_LIMIT messages, and the file keeps at most two generations of
 * OUTBOX_FILE_LIMIT_BYTES each.
 */
export class FileOutbox implements Outbox {
  private readonly messages: OutboxMessage[] = [];
  private fileBytes: number | undefined;
  constructor(
    private readonly dir: string | undefined,
    private readonly log: (line: string) => void,
    private readonly fileLimitBytes = OUTBOX_FILE_LIMIT_BYTES,
  ) {}
  deliver(msg: OutboxMessage): void {
    this.messages.push(msg);
    if (this.messages.length > OUTBOX_MEMORY_LIMIT) this.messages.shift();
    if (this.dir) this.append(join(this.dir, 'outbox.jsonl'), `${JSON.stringify(msg)}\n`);
    this.log(`outbox: ${msg.kind} for ${msg.username} in ${msg.poolId} via ${msg.medium} ${msg.destination}: ${msg.code}`);
  }
  recent(): OutboxMessage[] {
    return [...this.messages];
  }

  private append(file: string, line: string): void {
    // Other worker processes append to the same file: the size is re-read from disk before rotating.
    if (this.fileBytes === undefined) this.fileBytes = existsSync(file) ? statSync(file).size : 0;
    if (this.fileBytes + line.length > this.fileLimitBytes) {
      this.fileBytes = existsSync(file) ? statSync(file).size : 0;
      if (this.fileBytes + line.length > this.fileLimitBytes) {
        try {
          renameSync(file, `${file}.1`);
        } catch {
          // another worker rotated it first
        }
        this.fileBytes = 0;
      }
    }
    const fresh = !existsSync(file);
    appendFileSync(file, line, { mode: 0o600 });
    if (fresh) chmodSync(file, 0o600);
    this.fileBytes += Buffer.byteLength(line);
  }
}
