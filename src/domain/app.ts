/**
 * The composition root of the domain: configuration, store, clock, keys, credentials and outbox, shared
 * by every service. Nothing here speaks HTTP or SQL.
 */
import type { ServerConfig } from '../config/defaults.ts';
import type { Store } from '../store/port.ts';
import type { Clock } from './clock.ts';
import { ChainedKeyDirectory, type KeyDirectory } from './credentials.ts';
import { KeyService } from './keys.ts';
import type { Outbox } from './outbox.ts';
import type { Sealer } from './seal.ts';

export interface AppDeps {
  config: ServerConfig;
  store: Store;
  clock: Clock;
  sealer: Sealer;
  outbox: Outbox;
  log: (line: string) => void;
}

export class App {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly clock: Clock;
  readonly sealer: Sealer;
  readonly outbox: Outbox;
  readonly keys: KeyService;
  /** Where SigV4 access keys are looked up: root keys first, then temporary keys. */
  readonly keyDirectory: ChainedKeyDirectory;
  readonly log: (line: string) => void;
  private baseUrl = '';

  constructor(deps: AppDeps) {
    this.config = deps.config;
    this.store = deps.store;
    this.clock = deps.clock;
    this.sealer = deps.sealer;
    this.outbox = deps.outbox;
    this.log = deps.log;
    this.keys = new KeyService(deps.store, deps.sealer);
    this.keyDirectory = new ChainedKeyDirectory([]);
  }

  addKeySource(source: KeyDirectory): void {
    this.keyDirectory.add(source);
  }

  now(): number {
    return this.clock.now();
  }

  /** Set once the listener knows its port. */
  setBaseUrl(url: string): void {
    this.baseUrl = (this.config.publicUrl ?? url).replace(/\/+$/, '');
  }

  get publicUrl(): string {
    return this.baseUrl;
  }

  private issuerBaseUrl = '';

  /** The base of every token issuer, fixed when the store was created (see start.ts); defaults to publicUrl. */
  setIssuerBase(url: string): void {
    this.issuerBaseUrl = url.replace(/\/+$/, '');
  }

  get issuerBase(): string {
    return this.issuerBaseUrl || this.baseUrl;
  }

  /** The `iss` of a pool's tokens. */
  issuer(poolId: string): string {
    return this.config.issuerStyle === 'aws'
      ? `https://cognito-idp.${this.config.region}.amazonaws.com/${poolId}`
      : `${this.issuerBase}/${poolId}`;
  }

  /** The pool id an issuer names, if it is one of ours (either form is accepted). */
  poolIdFromIssuer(iss: unknown): string | undefined {
    if (typeof iss !== 'string') return undefined;
    const slash = iss.lastIndexOf('/');
    if (slash < 0) return undefined;
    const poolId = iss.slice(slash + 1);
    return this.issuer(poolId) === iss ? poolId : undefined;
  }

  get accountId(): string {
    return this.config.accountId;
  }
}
