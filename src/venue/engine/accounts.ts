import { ZERO, type Decimal } from '../../domain/decimal';

export interface AssetBalance {
  free: Decimal;
  locked: Decimal;
}

/**
 * Free and locked per account and asset, plus the totals conservation is checked against:
 * per asset, the sum of every account's free + locked + fees collected == deposits, exactly.
 * Breaking a ledger rule here is a bug in the engine, so it throws rather than answering.
 */
export class Ledger {
  private readonly accounts = new Map<string, Map<string, AssetBalance>>();
  private readonly depositTotals = new Map<string, Decimal>();
  private readonly feeTotals = new Map<string, Decimal>();

  open(account: string): void {
    if (this.accounts.has(account)) throw new Error(`account ${account} already exists`);
    this.accounts.set(account, new Map());
  }

  accountNames(): string[] {
    return [...this.accounts.keys()];
  }

  has(account: string): boolean {
    return this.accounts.has(account);
  }

  deposit(account: string, asset: string, amount: Decimal): void {
    if (!amount.gt(0)) throw new RangeError(`deposit must be positive, got ${amount.toFixed()}`);
    const balance = this.balance(account, asset);
    balance.free = balance.free.plus(amount);
    this.depositTotals.set(asset, (this.depositTotals.get(asset) ?? ZERO).plus(amount));
  }

  free(account: string, asset: string): Decimal {
    return this.balance(account, asset).free;
  }

  /** free -> locked when an order is accepted; false (nothing moved) when free is short. */
  reserveForOrder(account: string, asset: string, amount: Decimal): boolean {
    const balance = this.balance(account, asset);
    if (balance.free.lt(amount)) return false;
    balance.free = balance.free.minus(amount);
    balance.locked = balance.locked.plus(amount);
    return true;
  }

  /** locked -> free: a cancel, an expiry, or a buy filled below its limit. */
  releaseReserve(account: string, asset: string, amount: Decimal): void {
    const balance = this.balance(account, asset);
    if (balance.locked.lt(amount)) throw new Error(`release of ${amount.toFixed()} ${asset} exceeds locked for ${account}`);
    balance.locked = balance.locked.minus(amount);
    balance.free = balance.free.plus(amount);
  }

  /** locked leaves the account: what a fill pays to the counterparty. */
  spendLocked(account: string, asset: string, amount: Decimal): void {
    const balance = this.balance(account, asset);
    if (balance.locked.lt(amount)) throw new Error(`spend of ${amount.toFixed()} ${asset} exceeds locked for ${account}`);
    balance.locked = balance.locked.minus(amount);
  }

  /** What a fill delivers, less the commission, which the venue keeps. */
  creditFill(account: string, asset: string, received: Decimal, commission: Decimal): void {
    const balance = this.balance(account, asset);
    balance.free = balance.free.plus(received.minus(commission));
    this.feeTotals.set(asset, (this.feeTotals.get(asset) ?? ZERO).plus(commission));
  }

  /** Assets in first-touched order: deterministic, so responses built from it are too. */
  balancesOf(account: string): ReadonlyMap<string, Readonly<AssetBalance>> {
    return this.assetsOf(account);
  }

  deposits(): ReadonlyMap<string, Decimal> {
    return this.depositTotals;
  }

  feesCollected(): ReadonlyMap<string, Decimal> {
    return this.feeTotals;
  }

  /** Sum of free + locked over all accounts, per asset. */
  holdings(): Map<string, Decimal> {
    const totals = new Map<string, Decimal>();
    for (const assets of this.accounts.values()) {
      for (const [asset, balance] of assets) {
        totals.set(asset, (totals.get(asset) ?? ZERO).plus(balance.free).plus(balance.locked));
      }
    }
    return totals;
  }

  private assetsOf(account: string): Map<string, AssetBalance> {
    const assets = this.accounts.get(account);
    if (assets === undefined) throw new Error(`unknown account ${account}`);
    return assets;
  }

  private balance(account: string, asset: string): AssetBalance {
    const assets = this.assetsOf(account);
    let balance = assets.get(asset);
    if (balance === undefined) {
      balance = { free: ZERO, locked: ZERO };
      assets.set(asset, balance);
    }
    return balance;
  }
}
