// IBM-1047 decoding for policies copied from z/OS in binary.
import assert from 'node:assert/strict';
import { decodeIbm1047, looksLikeIbm1047 } from '@attls/language';
import { encodeIbm1047 } from '../support/ebcdic.js';

describe('IBM-1047 text', () => {
  it('decodes the characters policies use, with the 1047 (not 037) brackets and caret', () => {
    const bytes = Uint8Array.from([0xc1, 0x81, 0xf0, 0x40, 0xc0, 0xd0, 0x7b, 0x61, 0x7d, 0x4d, 0x5d, 0xad, 0xbd, 0x5f, 0x60, 0x6d, 0x4b, 0x7c, 0x5b, 0xa1, 0x15]);
    assert.equal(decodeIbm1047(bytes), "Aa0 {}#/'()[]^-_.@$~\n");
  });

  it('round-trips through the byte map', () => {
    const text = "TTLSRule eAct1~FTP@9.1.2.3\n{\n  Keyring //'SYS1.RING(X)' # c\n}\n";
    assert.equal(decodeIbm1047(encodeIbm1047(text)), text);
  });

  it('recognises an EBCDIC policy and leaves ASCII and UTF-8 alone', () => {
    assert.equal(looksLikeIbm1047(encodeIbm1047('TTLSRule r\n{\n  Direction Inbound\n}\n')), true);
    assert.equal(looksLikeIbm1047(new TextEncoder().encode('TTLSRule r\n{\n}\n')), false);
    assert.equal(looksLikeIbm1047(new TextEncoder().encode('# Grüße\nTTLSRule r\n')), false);
    assert.equal(looksLikeIbm1047(Uint8Array.from([0xff, 0xfe, 0x00, 0x41])), false, 'binary that is neither');
  });
});
