import type { Credentials } from '../../src/exchange/contract';
import type { InvariantCheck } from './invariant-check';

/**
 * The forms a credential may take once it is written into text: as it is, JSON-escaped (a log
 * line), URL-encoded (a query string) and base64 (a header or a dump of bytes). Any of them
 * anywhere inside a longer string is a leak.
 */
export function leakedForms(value: string): string[] {
  const forms = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), Buffer.from(value, 'utf8').toString('base64')];
  return [...new Set(forms)].filter((form) => form.length > 0);
}

/**
 * Which credential (by name, never by value: the verdict itself ends up in the report) appears in
 * which of `texts`; undefined when none does.
 */
export function secretLeak(credentials: Credentials, texts: ReadonlyArray<{ where: string; text: string }>): string | undefined {
  const named = [
    { name: 'the API key', forms: leakedForms(credentials.apiKey) },
    { name: 'the API secret', forms: leakedForms(credentials.secret) },
  ];
  for (const { where, text } of texts) {
    for (const { name, forms } of named) {
      const form = forms.findIndex((candidate) => text.includes(candidate));
      if (form >= 0) return `${name} appears${form === 0 ? '' : ' (encoded)'} in ${where}, at offset ${text.indexOf(forms[form] ?? '')}`;
    }
  }
  return undefined;
}

/**
 * S1 at run level: neither the API key nor the secret appears in anything the run writes out:
 * the adapter's log lines, the errors its calls threw (in every string form), and the trace
 * rows that become the report and the corpus file. Needs `captureLogs` (the world then keeps the
 * lines and the errors) and the world's credentials.
 */
export const noSecretInAnyOutput: InvariantCheck = {
  invariant: 'S1',
  check: (_model, world) => {
    if (world.credentials === undefined) return 'the world holds no credentials to look for';
    const texts = [
      ...world.logLines.map((text, index) => ({ where: `log line ${index + 1}`, text })),
      ...world.errorTexts.map((text, index) => ({ where: `error ${index + 1} an adapter call threw`, text })),
      ...world.trace.map((row) => ({ where: `trace row ${row.step}`, text: JSON.stringify(row) })),
    ];
    return secretLeak(world.credentials, texts);
  },
};
