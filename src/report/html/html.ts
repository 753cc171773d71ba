import escapeHtml from 'escape-html';

/**
 * Markup built by the `html` template tag: text interpolated into it is escaped (escape-html:
 * & < > " ' become entities), so a counterexample step holding `<script>` or a quote in an
 * attribute stays text. Only markup made by `html` (or `rawHtml`, for fixed text such as the
 * style sheet) passes through as it is.
 */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What may be interpolated: markup, text (escaped), numbers, nothing, or lists of these. */
export type HtmlValue = Html | string | number | undefined | readonly HtmlValue[];

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(markup);
}

/** Fixed markup written in this code base (never data from a run). */
export function rawHtml(markup: string): Html {
  return new Html(markup);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.markup;
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}
