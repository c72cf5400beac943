/**
 * Who may sign admin calls: root keys (configured or generated on first start) and temporary keys
 * (IAM Identity Center role credentials, identity-pool credentials) that the store remembers.
 * What a principal may do is decided here, never by the caller.
 */
export interface Principal {
  kind: 'root' | 'sso-role' | 'identity-pool' | 'emulator';
  /** Shown in AccessDenied messages, e.g. `arn:aws:sts::111122223333:assumed-role/Dev/alice`. */
  arn: string;
  /** Whether the principal may call Cognate's signed (admin and management) operations. */
  admin: boolean;
  accountId: string;
}

export interface KeyRecord {
  secretAccessKey: string;
  /** Present for temporary credentials: checks the presented x-amz-security-token. */
  sessionTokenCheck?: (token: string) => boolean;
  expiresAt?: number;
  principal: Principal;
}

/** Looks up the secret and principal behind an access key id. */
export interface KeyDirectory {
  lookup(accessKeyId: string, now: number): Promise<KeyRecord | undefined>;
}

/** A directory made of several sources, asked in order. */
export class ChainedKeyDirectory implements KeyDirectory {
  constructor(private readonly sources: KeyDirectory[]) {}
  add(source: KeyDirectory): void {
    this.sources.push(source);
  }
  async lookup(accessKeyId: string, now: number): Promise<KeyRecord | undefined> {
    for (const s of this.sources) {
      const r = await s.lookup(accessKeyId, now);
      if (r) return r;
    }
    return undefined;
  }
}

/** The root keys: full admin powers. */
export class RootKeys implements KeyDirectory {
  constructor(
    readonly accessKeyId: string,
    private readonly secretAccessKey: string,
    private readonly accountId: string,
  ) {}
  async lookup(accessKeyId: string): Promise<KeyRecord | undefined> {
    if (accessKeyId !== this.accessKeyId) return undefined;
    return {
      secretAccessKey: this.secretAccessKey,
      principal: { kind: 'root', arn: `arn:aws:iam::${this.accountId}:root`, admin: true, accountId: this.accountId },
    };
  }
}
