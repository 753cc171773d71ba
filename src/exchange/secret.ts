/**
 * A credential that never shows itself. Every way a value becomes text in Node (String(),
 * template literals, `+`, JSON.stringify, util.inspect / console.log, pino's serializer, an error
 * message built from it) renders `***`; only `reveal()` hands the text out, and only the signing
 * edge (the ccxt client's apiKey / secret) should call it (invariant S1).
 *
 * Fully masked rather than `ab…yz`: a partial form still leaks characters of a short key, and a
 * "no secret in any output" check could then only look for the whole value, not for its parts.
 */
export const MASKED = '***';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export class Secret {
  // A #private field: invisible to Object.keys, JSON.stringify, util.inspect and structuredClone.
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The real text, for signing only. */
  reveal(): string {
    return this.#value;
  }

  /** Compares without revealing: the config store uses it to tell whether credentials changed. */
  equals(other: Secret): boolean {
    return this.#value === other.#value;
  }

  toString(): string {
    return MASKED;
  }

  toJSON(): string {
    return MASKED;
  }

  [Symbol.toPrimitive](): string {
    return MASKED;
  }

  [INSPECT](): string {
    return `Secret(${MASKED})`;
  }
}
