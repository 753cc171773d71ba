import fc from 'fast-check';

/**
 * Configuration documents for the configuration and security properties: valid ones built field
 * by field, and the same with exactly one field broken, so a property knows which path the
 * ConfigError must name.
 */

type Path = readonly string[];

interface FieldSpec {
  path: Path;
  valid: fc.Arbitrary<unknown>;
  invalid: fc.Arbitrary<unknown>;
  /** Required fields are always present in a valid document and may be broken by omission. */
  required?: boolean;
}

const notAPositiveInteger = fc.oneof(
  fc.integer({ min: -1_000_000, max: 0 }),
  fc.double({ noInteger: true }),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
  fc.boolean(),
  fc.constant([1]),
);
const positiveInteger = fc.integer({ min: 1, max: 1_000_000 });
const notABoolean = fc.oneof(fc.constantFrom('true', 'yes', 0, 1, null), fc.string({ maxLength: 4 }));
const notIn = (allowed: readonly string[]): fc.Arbitrary<unknown> =>
  fc.oneof(fc.string({ maxLength: 8 }).filter((text) => !allowed.includes(text)), fc.integer(), fc.constant(null));

const ENVIRONMENTS = ['sim', 'sandbox', 'live'] as const;
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Every settable field except the credentials source (see `credentialSource`). */
export const FIELDS: readonly FieldSpec[] = [
  { path: ['environment'], valid: fc.constantFrom(...ENVIRONMENTS), invalid: notIn(ENVIRONMENTS), required: true },
  { path: ['baseUrl'], valid: fc.constantFrom('http://127.0.0.1:8080', 'https://testnet.binance.vision'), invalid: fc.constantFrom('not a url', 'ftp://host', 42, null) },
  ...['weightPerMinute', 'ordersPer10s', 'ordersPerDay', 'queueSize'].map((name) => ({ path: ['limits', name], valid: positiveInteger, invalid: notAPositiveInteger })),
  ...['maxAttempts', 'deadlineMs'].map((name) => ({ path: ['retry', name], valid: positiveInteger, invalid: notAPositiveInteger })),
  ...['failureThreshold', 'openMs'].map((name) => ({ path: ['breaker', name], valid: positiveInteger, invalid: notAPositiveInteger })),
  { path: ['history', 'endedOrders'], valid: positiveInteger, invalid: notAPositiveInteger },
  ...['timeSync', 'rateLimiter', 'circuitBreaker'].map((name) => ({ path: ['features', name], valid: fc.boolean(), invalid: notABoolean })),
  { path: ['logLevel'], valid: fc.constantFrom(...LEVELS), invalid: notIn(LEVELS) },
  { path: ['credentials', 'apiKeyVariable'], valid: fc.constant('TRADEPROP_API_KEY'), invalid: fc.constantFrom('', '1KEY', 'MY-KEY', 7) },
];

/** `retry.baseDelayMs <= retry.maxDelayMs` ties two fields; they are generated as a pair. */
const retryDelays = fc
  .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
  .map(([baseDelayMs, extra]) => ({ baseDelayMs, maxDelayMs: baseDelayMs + extra }));

export type Document = Record<string, unknown>;

/** A valid document: the required fields, and each optional one present or left to its default. */
export const validDocument: fc.Arbitrary<Document> = fc
  .tuple(
    fc.tuple(...FIELDS.map((field) => (field.required === true ? field.valid.map((value) => ({ value })) : fc.option(field.valid.map((value) => ({ value })), { nil: undefined })))),
    fc.option(retryDelays, { nil: undefined }),
  )
  .map(([values, delays]) => {
    let document: Document = { credentials: { source: 'env' } };
    FIELDS.forEach((field, index) => {
      const chosen = values[index];
      if (chosen !== undefined) document = setAt(document, field.path, chosen.value);
    });
    if (delays !== undefined) document = setAt(setAt(document, ['retry', 'baseDelayMs'], delays.baseDelayMs), ['retry', 'maxDelayMs'], delays.maxDelayMs);
    return document;
  });

export interface BrokenDocument {
  document: Document;
  /** The dotted path the ConfigError must name. */
  path: string;
}

const KNOWN_SECTIONS = ['limits', 'retry', 'breaker', 'history', 'features'] as const;

/** A valid document with one field broken: wrong type or range, a required one missing, or an unknown key. */
export const brokenDocument: fc.Arbitrary<BrokenDocument> = fc.oneof(
  fc.tuple(validDocument, fc.constantFrom(...FIELDS)).chain(([document, field]) =>
    (field.required === true ? fc.oneof(field.invalid.map((value) => ({ value })), fc.constant(undefined)) : field.invalid.map((value) => ({ value }))).map((broken) => ({
      document: broken === undefined ? removeAt(document, field.path) : setAt(document, field.path, broken.value),
      path: field.path.join('.'),
    })),
  ),
  fc.tuple(validDocument, fc.constantFrom(...KNOWN_SECTIONS), fc.stringMatching(/^[a-z][A-Za-z]{0,8}$/)).map(([document, section, name]) => {
    // An unknown name: a known one prefixed, so it can never collide with a real field.
    const unknown = `x${name}`;
    return { document: setAt(document, [section, unknown], 1), path: `${section}.${unknown}` };
  }),
  fc.tuple(validDocument, fc.integer({ min: 2, max: 10_000 })).map(([document, baseDelayMs]) => ({
    document: setAt(setAt(document, ['retry', 'baseDelayMs'], baseDelayMs), ['retry', 'maxDelayMs'], baseDelayMs - 1),
    path: 'retry.maxDelayMs',
  })),
);

export function valueAt(document: unknown, path: Path): unknown {
  return path.reduce<unknown>((inner, key) => (inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>)[key] : undefined), document);
}

/** A copy of `document` with `value` at `path`, creating sections on the way. */
export function setAt(document: Document, path: Path, value: unknown): Document {
  const [head, ...rest] = path;
  if (head === undefined) return document;
  if (rest.length === 0) return { ...document, [head]: value };
  const inner = document[head];
  return { ...document, [head]: setAt(inner !== null && typeof inner === 'object' ? (inner as Document) : {}, rest, value) };
}

function removeAt(document: Document, path: Path): Document {
  const [head, ...rest] = path;
  if (head === undefined) return document;
  if (rest.length > 0) return setAt(document, [head], removeAt((document[head] as Document | undefined) ?? {}, rest));
  const { [head]: _removed, ...kept } = document;
  return kept;
}
