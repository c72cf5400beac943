/**
 * The nested, unsigned `sso` and `sso-oidc` clients that login, logout and the credential provider use.
 * Like botocore's nested clients they take the configured endpoint (AWS_ENDPOINT_URL_SSO[_OIDC],
 * AWS_ENDPOINT_URL, the profile's `services` section) but never --endpoint-url, and they honour
 * --no-verify-ssl, --ca-bundle and the timeouts.
 */
import { readFileSync } from 'node:fs';
import { loadModel } from '../../protocol/model.ts';
import { type CallContext, invoke } from '../call.ts';
import { GeneralError } from '../errors.ts';
import { parseTimeout } from '../global-options.ts';
import type { Settings } from '../settings.ts';
import { userAgent } from '../version.ts';

export type SsoService = 'sso' | 'sso-oidc';

/** The base URL of a nested client in a region. */
export function ssoEndpoint(settings: Settings, service: SsoService, region: string): string {
  const model = loadModel(service);
  const configured = settings.configuredEndpoint(model.metadata.serviceId);
  return (configured ?? `https://${model.metadata.endpointPrefix}.${region}.amazonaws.com`).replace(/\/+$/, '');
}

const warned = new Set<string>();

/** Calls one operation unsigned; service errors throw ServiceError (with `.code`), transport errors GeneralError. */
export async function callSso(
  settings: Settings,
  service: SsoService,
  operation: string,
  region: string,
  params: Record<string, unknown>,
  command: string,
): Promise<Record<string, unknown>> {
  const model = loadModel(service);
  const op = model.operations[operation];
  if (!op) throw new Error(`unknown ${service} operation ${operation}`);
  const endpoint = new URL(ssoEndpoint(settings, service, region));
  const globals = settings.globals;
  let connectTimeoutMs: number | undefined;
  let readTimeoutMs: number | undefined;
  try {
    connectTimeoutMs = parseTimeout(globals.connectTimeout, 60_000);
    readTimeoutMs = parseTimeout(globals.readTimeout, 60_000);
  } catch (err) {
    throw new GeneralError((err as Error).message);
  }
  let ca: string | undefined;
  const bundle = settings.caBundle();
  if (bundle && endpoint.protocol === 'https:') {
    try {
      ca = readFileSync(bundle, 'utf8');
    } catch {
      throw new GeneralError(
        `SSL validation failed for ${endpoint.origin}${op.http.requestUri.split('?')[0]} [Errno 2] No such file or directory`,
      );
    }
  }
  const ctx: CallContext = {
    model,
    op,
    endpoint,
    region,
    transport: { verifySsl: globals.verifySsl, ...(ca ? { ca } : {}), connectTimeoutMs, readTimeoutMs },
    maxAttempts: settings.maxAttempts(),
    retryMode: settings.retryMode(),
    userAgent: userAgent(command),
    onInsecure: (host) => {
      if (warned.has(host)) return;
      warned.add(host);
      process.stderr.write(
        `cognate: InsecureRequestWarning: Unverified HTTPS request is being made to host '${host}'. Adding certificate verification is strongly advised.\n`,
      );
    },
  };
  return invoke(ctx, params);
}
