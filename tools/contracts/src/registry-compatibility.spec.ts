import { checkWithRegistry } from './registry-compatibility';

function fakeFetch(responses: Record<string, { status: number; body: unknown }>) {
  const calls: { url: string; body: string }[] = [];
  const fetchImpl = async (url: string, init: { body: string }) => {
    calls.push({ url, body: init.body });
    const subject = decodeURIComponent(url.split('/subjects/')[1]?.split('/')[0] ?? '');
    const response = responses[subject] ?? { status: 500, body: 'boom' };
    return { status: response.status, text: async () => JSON.stringify(response.body) };
  };
  return { calls, fetchImpl };
}

describe('checkWithRegistry', () => {
  it('asks the registry per subject and reports incompatible ones with its reasons', async () => {
    const { calls, fetchImpl } = fakeFetch({
      'a-value': { status: 200, body: { is_compatible: true } },
      'b-value': { status: 200, body: { is_compatible: false, messages: ['READER_FIELD_MISSING_DEFAULT_VALUE: gtin'] } },
      'c-value': { status: 404, body: { error_code: 40401 } },
    });
    const report = await checkWithRegistry(
      'http://registry/apis/ccompat/v7/',
      ['a', 'b', 'c'].map((name) => ({ subject: `${name}-value`, schema: '{"type":"string"}' })),
      fetchImpl,
    );
    expect(calls[0]).toEqual({
      url: 'http://registry/apis/ccompat/v7/compatibility/subjects/a-value/versions/latest',
      body: '{"schema":"{\\"type\\":\\"string\\"}"}',
    });
    expect(report.problems).toEqual(['b-value: registry says incompatible with the latest version: READER_FIELD_MISSING_DEFAULT_VALUE: gtin']);
    expect(report.notes).toEqual(['a-value: compatible with the registered latest version', 'c-value: not registered yet (first version is always accepted)']);
  });
});
