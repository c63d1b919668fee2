import { checkEasyPostSignature, easyPostSignature } from './easypost-signature';

const body = Buffer.from('{"id":"evt_1","object":"Event"}');
// `printf '%s' '{"id":"evt_1","object":"Event"}' | openssl dgst -sha256 -hmac "$(printf 'se\xcc\x81cret')"`:
// the secret 'sécret' after NFKD (e + combining acute), which is what EasyPost keys the HMAC with.
const OPENSSL_DIGEST = '17006b8eff08bd0d7eca5be9af7b35a3eb15dcd6774cb38553822743f11f2deb';

describe('easyPostSignature', () => {
  it('is hmac-sha256-hex= and the HMAC of the raw bytes keyed with the NFKD-normalised secret', () => {
    expect(easyPostSignature(body, 'sécret')).toBe(`hmac-sha256-hex=${OPENSSL_DIGEST}`);
    // The decomposed spelling of the same secret signs alike.
    expect(easyPostSignature(body, 'se\u0301cret')).toBe(`hmac-sha256-hex=${OPENSSL_DIGEST}`);
  });
});

describe('checkEasyPostSignature', () => {
  it('accepts the signature of the bytes as sent, and says which secret matched', () => {
    expect(checkEasyPostSignature(body, `hmac-sha256-hex=${OPENSSL_DIGEST}`, ['sécret'])).toEqual({ valid: true, secretIndex: 0 });
    expect(checkEasyPostSignature(body, [`hmac-sha256-hex=${OPENSSL_DIGEST.toUpperCase()}`], ['old', 'sécret'])).toEqual({ valid: true, secretIndex: 1 });
  });

  it('accepts the previous secret during a rotation and refuses one no longer configured', () => {
    const signedWithOld = easyPostSignature(body, 'old-secret');
    expect(checkEasyPostSignature(body, signedWithOld, ['new-secret', 'old-secret'])).toEqual({ valid: true, secretIndex: 1 });
    expect(checkEasyPostSignature(body, signedWithOld, ['new-secret'])).toMatchObject({ valid: false, rejection: { code: 'SIGNATURE_INVALID' } });
  });

  it('refuses a body changed by one byte, even only in white space, since the HMAC covers the raw bytes', () => {
    const signature = easyPostSignature(body, 'sécret');
    const reformatted = Buffer.from('{"id": "evt_1","object":"Event"}');
    expect(checkEasyPostSignature(reformatted, signature, ['sécret'])).toEqual({
      valid: false,
      rejection: { code: 'SIGNATURE_INVALID', field: 'header:X-Hmac-Signature', message: expect.stringContaining('does not match') },
    });
  });

  it('refuses a missing header as SIGNATURE_MISSING and a malformed one as SIGNATURE_INVALID', () => {
    expect(checkEasyPostSignature(body, undefined, ['sécret'])).toMatchObject({ valid: false, rejection: { code: 'SIGNATURE_MISSING' } });
    expect(checkEasyPostSignature(body, '  ', ['sécret'])).toMatchObject({ valid: false, rejection: { code: 'SIGNATURE_MISSING' } });
    for (const header of [
      OPENSSL_DIGEST,
      'sha256=' + OPENSSL_DIGEST,
      'hmac-sha256-hex=' + OPENSSL_DIGEST.slice(2),
      'hmac-sha256-hex=zz' + OPENSSL_DIGEST.slice(2),
    ]) {
      expect(checkEasyPostSignature(body, header, ['sécret'])).toMatchObject({ valid: false, rejection: { code: 'SIGNATURE_INVALID' } });
    }
  });

  it('refuses everything when no secret is configured', () => {
    expect(checkEasyPostSignature(body, `hmac-sha256-hex=${OPENSSL_DIGEST}`, [])).toMatchObject({ valid: false });
  });
});
