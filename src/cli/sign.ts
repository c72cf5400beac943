/**
 * SigV4 signing with @smithy/signature-v4 (loaded only for signed calls). Like botocore it signs
 * content-type, host, x-amz-date, x-amz-target (and x-amz-security-token for temporary credentials),
 * with no x-amz-content-sha256 header (applyChecksum: false).
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { SignatureV4 as SigV4 } from '@smithy/signature-v4';
import type { Credentials } from './credentials.ts';

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(d: SourceData): Buffer {
  if (typeof d === 'string') return Buffer.from(d, 'utf8');
  if (ArrayBuffer.isView(d)) return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
  return Buffer.from(d);
}

/** The Checksum the signer needs, on node:crypto (so @smithy/hash-node stays out of the bundle path). */
class Sha256 {
  private h: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.h = this.make();
  }
  private make(): Hash | Hmac {
    return this.secret ? createHmac('sha256', toBuffer(this.secret)) : createHash('sha256');
  }
  update(data: Uint8Array): void {
    this.h.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.make();
  }
}

export interface SignInput {
  method: string;
  url: URL;
  /** Headers to sign (content-type, x-amz-target …); host is added here. */
  headers: Record<string, string>;
  body: Buffer;
  region: string;
  service: string;
  credentials: Credentials;
}

/** Returns the signed headers (input headers plus Authorization, X-Amz-Date, X-Amz-Security-Token). */
export async function signRequest(input: SignInput): Promise<Record<string, string>> {
  // The package is CommonJS: depending on the loader its exports arrive directly or under `default`.
  const mod = (await import('@smithy/signature-v4')) as unknown as { SignatureV4?: typeof SigV4; default?: { SignatureV4: typeof SigV4 } };
  const SignatureV4 = (mod.SignatureV4 ?? mod.default?.SignatureV4) as typeof SigV4;
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.region,
    service: input.service,
    sha256: Sha256 as never,
    applyChecksum: false,
  });
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of input.url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const signed = await signer.sign({
    method: input.method,
    protocol: input.url.protocol,
    hostname: input.url.hostname,
    ...(input.url.port ? { port: Number(input.url.port) } : {}),
    path: input.url.pathname,
    query,
    headers: { ...input.headers, host: input.url.host },
    body: input.body.length > 0 ? input.body.toString('utf8') : '',
  } as never);
  return (signed as unknown as { headers: Record<string, string> }).headers;
}
