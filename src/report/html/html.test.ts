import { describe, expect, it } from 'vitest';
import { html, rawHtml } from './html';

describe('the html template tag', () => {
  it('escapes text in content and in attributes, and passes markup it made through', () => {
    const hostile = `"><script>alert('x')</script>&`;
    expect(html`<p title="${hostile}">${hostile}</p>`.markup).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.markup).toBe('<p><b>&lt;i&gt;</b></p>');
  });

  it('renders numbers, nothing for undefined, lists in order, and raw markup as it is', () => {
    expect(html`${1.5}|${undefined}|${['<a>', html`<b/>`, [2, '&']]}|${rawHtml('<br>')}`.markup).toBe('1.5||&lt;a&gt;<b/>2&amp;|<br>');
  });
});
