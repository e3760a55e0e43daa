import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from '../../src/web/html';
import { safeNext } from '../../src/web/web.routes';

describe('html tagged template', () => {
  it('escapes every interpolated value, in text and in quoted attributes', () => {
    const name = `<script>alert("x")</script>&'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
    expect(escapeHtml('`')).toBe('&#96;');
  });

  it('nests templates without double escaping, joins arrays and drops null, undefined and booleans', () => {
    const items = ['a<b', 'c'];
    expect(html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(html`${null}${undefined}${false}${true}${0}`.value).toBe('0');
    expect(html`${trusted('<br>')}`.value).toBe('<br>');
  });
});

describe('login redirect target', () => {
  it('follows only same-site paths', () => {
    expect(safeNext('/runs/r1/regions/330302')).toBe('/runs/r1/regions/330302');
    // '/%09/evil.example' arrives decoded: browsers drop the tab and go to //evil.example.
    const decodedControls = ['/\t/evil.example', '/\n/evil.example', '/\r//evil.example', '/ /evil.example', '/a\\b', '/x\u0000', '/\u007f'];
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', undefined, 42, ...decodedControls]) {
      expect(safeNext(bad)).toBeUndefined();
    }
  });
});
