/**
 * SigV4 for the CLI's signed calls (loaded only when a call is signed): botocore signs content-type,
 * host, x-amz-date, x-amz-target (and x-amz-security-token for temporary credentials), with no
 * x-amz-content-sha256 header. The signer itself is shared with the Lambda Invoke client.
 */
import { signRequest as sign } from '../protocol/sigv4-sign.ts';
import type { Credentials } from './credentials.ts';

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
export function signRequest(input: SignInput): Record<string, string> {
  return sign({
    method: input.method,
    path: input.url.pathname,
    query: [...input.url.searchParams],
    host: input.url.host,
    headers: input.headers,
    body: input.body,
    region: input.region,
    service: input.service,
    credentials: input.credentials,
    now: new Date(),
  });
}
