/**
 * User pool domains: a prefix (served as `{prefix}.auth.{region}.amazoncognito.com` and, for local use,
 * `{prefix}.auth.localhost`) or a custom domain with a certificate. A pool has at most one of each; a
 * name belongs to one pool. The managed-login endpoints find their pool from the Host header through here.
 */
import { InvalidParameterException } from '../../protocol/errors.ts';
import type { App } from '../app.ts';
import { sha256hex } from '../ids.ts';
import type { DomainRecord } from './types.ts';

/** What CreateUserPoolDomain and UpdateUserPoolDomain carry. */
export interface DomainInput {
  Domain: string;
  UserPoolId: string;
  ManagedLoginVersion?: number;
  CustomDomainConfig?: { CertificateArn: string };
}

// Cognito's own words for these refusals are not documented; these say what is wrong and what to do.
export const DOMAIN_TAKEN = 'Domain already associated with another user pool.';
const PREFIX_RESERVED = /(^|[^a-z])(aws|amazon|cognito)([^a-z]|$)/;

/** A custom domain is a host name with at least two labels; a prefix is one label. */
function checkName(input: DomainInput): void {
  const name = input.Domain;
  if (input.CustomDomainConfig) {
    if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) {
      throw new InvalidParameterException(`Custom domain ${name} is not a valid domain name.`);
    }
    if (!/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(input.CustomDomainConfig.CertificateArn)) {
      throw new InvalidParameterException('CustomDomainConfig.CertificateArn must be the ARN of an ACM certificate.');
    }
    return;
  }
  if (name.includes('.')) {
    throw new InvalidParameterException('A domain with dots is a custom domain: give CustomDomainConfig with its CertificateArn.');
  }
  if (PREFIX_RESERVED.test(name)) {
    throw new InvalidParameterException(`Domain prefix ${name} cannot contain the reserved words aws, amazon or cognito.`);
  }
}

function version(v: number | undefined): number {
  if (v === undefined) return 1;
  if (v !== 1 && v !== 2) throw new InvalidParameterException('ManagedLoginVersion must be 1 (classic hosted UI) or 2 (managed login).');
  return v;
}

/** The CloudFront name AWS would give a custom domain; stable per name so describes agree. */
export function cloudFrontDomain(domain: string): string {
  return `d${sha256hex(`cognate-domain:${domain}`).slice(0, 13)}.cloudfront.net`;
}

/** CreateUserPoolDomain: the name is free, and the pool has no domain of that kind yet. */
export async function createDomain(app: App, input: DomainInput): Promise<DomainRecord> {
  checkName(input);
  const custom = input.CustomDomainConfig !== undefined;
  const existing = await app.store.oauth.domainsOfPool(input.UserPoolId);
  if (existing.some((d) => d.custom === custom)) {
    throw new InvalidParameterException(
      custom ? 'The user pool already has a custom domain.' : 'The user pool already has a domain prefix.',
    );
  }
  const now = app.now();
  const rec: DomainRecord = {
    domain: input.Domain,
    poolId: input.UserPoolId,
    custom,
    ...(input.CustomDomainConfig ? { certificateArn: input.CustomDomainConfig.CertificateArn } : {}),
    managedLoginVersion: version(input.ManagedLoginVersion),
    createdAt: now,
    lastModifiedAt: now,
  };
  if (!(await app.store.oauth.insertDomain(rec))) throw new InvalidParameterException(DOMAIN_TAKEN);
  return rec;
}

/** UpdateUserPoolDomain: the pool's own domain; a new certificate (custom) and/or a new version. */
export async function updateDomain(app: App, input: DomainInput): Promise<DomainRecord> {
  const rec = await app.store.oauth.getDomain(input.Domain);
  if (!rec || rec.poolId !== input.UserPoolId) {
    throw new InvalidParameterException(`Domain ${input.Domain} does not belong to user pool ${input.UserPoolId}.`);
  }
  if (input.CustomDomainConfig && !rec.custom) {
    throw new InvalidParameterException('CustomDomainConfig applies to custom domains only; this domain is a prefix.');
  }
  if (input.CustomDomainConfig) {
    checkName(input);
    rec.certificateArn = input.CustomDomainConfig.CertificateArn;
  }
  if (input.ManagedLoginVersion !== undefined) rec.managedLoginVersion = version(input.ManagedLoginVersion);
  rec.lastModifiedAt = app.now();
  await app.store.oauth.updateDomain(rec);
  return rec;
}

/** DeleteUserPoolDomain: only the pool that owns the name may delete it. */
export async function deleteDomain(app: App, domain: string, poolId: string): Promise<void> {
  const rec = await app.store.oauth.getDomain(domain);
  if (!rec || rec.poolId !== poolId) {
    throw new InvalidParameterException(`Domain ${domain} does not belong to user pool ${poolId}.`);
  }
  await app.store.oauth.deleteDomain(domain);
}

/** DomainDescriptionType. */
export function domainShape(app: App, d: DomainRecord): Record<string, unknown> {
  return {
    UserPoolId: d.poolId,
    AWSAccountId: app.accountId,
    Domain: d.domain,
    S3Bucket: `aws-cognito-prod-${app.config.region}-assets`,
    CloudFrontDistribution: cloudFrontDomain(d.domain),
    Version: String(d.lastModifiedAt),
    Status: 'ACTIVE',
    ...(d.certificateArn ? { CustomDomainConfig: { CertificateArn: d.certificateArn } } : {}),
    ManagedLoginVersion: d.managedLoginVersion,
  };
}

/**
 * The host name a domain is served at on AWS: a custom domain's own name, or
 * `{prefix}.auth.{region}.amazoncognito.com` for a prefix.
 */
export function domainHostName(app: App, d: DomainRecord): string {
  return d.custom ? d.domain : `${d.domain}.auth.${app.config.region}.amazoncognito.com`;
}

function publicHost(app: App): string | undefined {
  try {
    return new URL(app.publicUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The domain a request's Host header names, if any: `{prefix}.auth.{region}.amazoncognito.com`,
 * `{prefix}.auth.localhost`, or a custom domain (the port is ignored).
 */
export async function domainFromHost(app: App, host: string | undefined): Promise<DomainRecord | undefined> {
  if (!host) return undefined;
  const name = host.toLowerCase().replace(/:\d+$/, '');
  const prefix =
    /^([a-z0-9-]+)\.auth\.localhost$/.exec(name)?.[1] ??
    new RegExp(`^([a-z0-9-]+)\\.auth\\.${app.config.region.replace(/[^a-z0-9-]/g, '')}\\.amazoncognito\\.com$`).exec(name)?.[1];
  // The server's own address (an IP, localhost, the public URL's host) names no domain: no store read.
  if (prefix === undefined && (!name.includes('.') || /^[\d.]+$|^\[/.test(name) || name === publicHost(app))) return undefined;
  const rec = await app.store.oauth.getDomain(prefix ?? name);
  if (!rec || rec.custom !== (prefix === undefined)) return undefined;
  return rec;
}
