import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LwaAccessTokenProvider } from './lwa-access-token.provider';

/** A stand-in for api.amazon.com/auth/o2/token that records the form posts it gets. */
async function fakeLwa(answer: (n: number) => { status: number; body: unknown }): Promise<{ url: string; forms: URLSearchParams[]; server: Server }> {
  const forms: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      forms.push(new URLSearchParams(text));
      const { status, body } = answer(forms.length);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/o2/token`, forms, server };
}

describe('LwaAccessTokenProvider', () => {
  const credentials = { clientId: 'amzn1.application-oa2-client.abc', clientSecret: 'shh', refreshToken: 'Atzr|refresh' };

  it('exchanges the refresh token once and reuses the access token until shortly before it expires', async () => {
    const lwa = await fakeLwa((n) => ({ status: 200, body: { access_token: `Atza|token-${n}`, token_type: 'bearer', expires_in: 3600 } }));
    let now = 0;
    const provider = new LwaAccessTokenProvider({ ...credentials, tokenUrl: lwa.url, now: () => now });
    try {
      const [a, b] = await Promise.all([provider.accessToken(), provider.accessToken()]);
      expect([a, b]).toEqual(['Atza|token-1', 'Atza|token-1']);
      now = 3_500_000;
      expect(await provider.accessToken()).toBe('Atza|token-1');
      now = 3_560_000;
      expect(await provider.accessToken()).toBe('Atza|token-2');
      expect(lwa.forms).toHaveLength(2);
      expect(Object.fromEntries(lwa.forms[0]!)).toEqual({
        grant_type: 'refresh_token',
        refresh_token: 'Atzr|refresh',
        client_id: credentials.clientId,
        client_secret: 'shh',
      });
    } finally {
      lwa.server.close();
    }
  });

  it('fails with the LWA error code and without leaking the secret', async () => {
    const lwa = await fakeLwa(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter' } }));
    const provider = new LwaAccessTokenProvider({ ...credentials, tokenUrl: lwa.url });
    try {
      const error = (await provider.accessToken().catch((e: unknown) => e)) as Error;
      expect(error.message).toBe('LWA token refresh failed: HTTP 400 invalid_grant');
      expect(error.message).not.toContain('shh');
    } finally {
      lwa.server.close();
    }
  });
});
