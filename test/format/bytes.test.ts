import { expect } from '@open-wc/testing';
import { decodeBase64, decodeText, formatBytes } from '../../src/format/bytes.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('format/bytes', () => {
  it('decodes base64, white space and all', () => {
    const decoded = decodeBase64('SGVs\nbG8g\r\nd29y bGQ=', 100);
    expect(text(decoded.bytes)).to.equal('Hello world');
    expect([decoded.complete, decoded.size]).to.deep.equal([true, 11]);
  });

  it('decodes no further than the limit, and says it stopped', () => {
    const decoded = decodeBase64(btoa('a'.repeat(1000)), 10);
    expect(text(decoded.bytes)).to.equal('aaaaaaaaaa');
    expect([decoded.complete, decoded.size]).to.deep.equal([false, 1000]);
    expect(decodeBase64(btoa('abc'), 0).bytes.length).to.equal(0);
  });

  it('never throws on malformed base64', () => {
    expect(decodeBase64('%%%', 10).bytes.length).to.equal(0);
    expect(text(decodeBase64('SGk', 10).bytes)).to.equal('Hi');
    expect(decodeBase64('S', 10).bytes.length).to.equal(0);
  });

  it('decodes text in the charset named, UTF-8 otherwise', () => {
    expect(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=ISO-8859-1')).to.equal(
      'café',
    );
    expect(decodeText(new TextEncoder().encode('café'), 'text/plain')).to.equal('café');
    expect(decodeText(new TextEncoder().encode('café'), 'text/plain; charset=nonsense')).to.equal('café');
  });

  it('sizes in words', () => {
    expect([1, 850, 2048, 1536 * 1024, 25 * 1024 * 1024].map(formatBytes)).to.deep.equal([
      '1 byte',
      '850 bytes',
      '2 KB',
      '1.5 MB',
      '25 MB',
    ]);
  });
});
