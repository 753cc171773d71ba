export interface ApiKeyEntry {
  account: string;
  secret: string;
  /** Binance's numeric account id, reported as `uid` by GET /api/v3/account. */
  uid: number;
}

/** API keys the venue issued, so a signed request can be traced to its account. */
export class ApiKeyRegistry {
  private readonly byKey = new Map<string, ApiKeyEntry>();

  register(apiKey: string, entry: ApiKeyEntry): void {
    if (this.byKey.has(apiKey)) throw new Error('API key issued twice');
    this.byKey.set(apiKey, entry);
  }

  lookup(apiKey: string): ApiKeyEntry | undefined {
    return this.byKey.get(apiKey);
  }
}
