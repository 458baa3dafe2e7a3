import type { WxPayClient } from '../../generated';
import type { MockServer } from '../../mock';
import { checkValue } from '../../mock/validate';
import { parsePointer, type FieldLocation } from '../../templates/runtime/pointer';
import { ENDPOINTS, leakForms, operation, startPair, STYLES, valuesAt } from './support';

let server: MockServer;
let wxpay: WxPayClient;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => {
  unhandled.push(e);
};
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  ({ server, wxpay } = await startPair());
});
afterAll(async () => {
  await server.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

/** The part of the request a location is in: as the caller passed it, and as the mock recorded it. */
function partOf(rec: MockServer['received'][number], args: Record<string, unknown>, loc: FieldLocation): { sent: unknown; got: unknown; tokens: string[] } {
  const tokens = parsePointer(loc.pointer) ?? [];
  if (loc.in === 'body') return { sent: args['json'], got: rec.json, tokens };
  if (loc.in === 'query') return { sent: args['query'], got: rec.query, tokens };
  if (loc.in === 'header') return { sent: args['headers'], got: rec.headers, tokens };
  return { sent: args, got: rec.params, tokens };
}

describe.each(ENDPOINTS.map((e) => [e.id, e] as const))('%s', (id, endpoint) => {
  const op = operation(id);

  test.each(STYLES)('%s style: plaintext reaches the server, never the wire; the answer is verified, decrypted and typed', async (style) => {
    const wireBefore = server.wire().length;
    const res = await endpoint.call[style](wxpay, endpoint.args);
    const rec = server.received.at(-1);
    expect(rec).toMatchObject({ operation: id, verdict: 'ok', decrypted: true, status: op.success.status });
    if (!rec) return;

    // Every encrypted request field: the exact plaintext at the server, no trace of it in the bytes sent.
    const args = endpoint.args as Record<string, unknown>;
    const wire = server.wire().subarray(wireBefore);
    expect(wire.length).toBeGreaterThan(0);
    let checked = 0;
    for (const loc of op.encrypted.request) {
      const { sent, got, tokens } = partOf(rec, args, loc);
      const plain = valuesAt(sent, tokens);
      const received = valuesAt(got, tokens);
      expect(received).toEqual(plain);
      for (const p of plain) {
        if (typeof p !== 'string' || p === '') continue;
        checked += 1;
        for (const form of leakForms(p)) expect(wire.includes(form)).toBe(false);
        expect(rec.body).not.toContain(p);
      }
    }
    expect(checked).toBe(op.encrypted.request.length);

    // Non-sensitive parameters arrive as given.
    for (const p of op.parameters) {
      const given = p.in === 'path' ? args[p.name] : p.in === 'query' ? (args['query'] as Record<string, unknown> | undefined)?.[p.name] : undefined;
      if (given !== undefined && !p.schema.encrypted) expect((p.in === 'path' ? rec.params : rec.query)[p.name]).toEqual(given);
    }

    // The answer: what the server meant before encrypting, which matches the spec's response schema.
    expect(res.status).toBe(op.success.status);
    expect(res.headers['request-id']).toBe(rec.requestId);
    expect(res.data).toEqual(rec.response?.data);
    const issues: unknown[] = [];
    if (op.success.schema) checkValue(op.success.schema, res.data, '', 'body', issues as never);
    expect(issues).toEqual([]);

    // Encrypted response fields were ciphertext on the wire and come back as the plaintext.
    const sentBody: unknown = JSON.parse(rec.response?.body ?? 'null');
    for (const loc of op.encrypted.response) {
      const path = parsePointer(loc.pointer) ?? [];
      const plain = valuesAt(res.data, path);
      const onWire = valuesAt(sentBody, path);
      expect(plain.length).toBeGreaterThan(0);
      expect(plain).toEqual(valuesAt(rec.response?.data, path));
      for (const [i, p] of plain.entries()) {
        expect(onWire[i]).toMatch(/^[A-Za-z0-9+/]{300,}={0,2}$/);
        expect(rec.response?.body).not.toContain(String(p));
      }
    }
  });
});

test('the data of each endpoint is exactly the spec example', async () => {
  const [passthrough, authcode, facemch, contracts] = ENDPOINTS;
  if (!passthrough || !authcode || !facemch || !contracts) throw new Error('four endpoints expected');
  expect((await passthrough.call.chain(wxpay, passthrough.args)).data).toEqual({
    qualification_list: [{ appliance_id: 1, state: 'UNCLAIMED', unclaimed_reason: 'REASON_UNCLAIMED', claim_mode: 'CLAIM_MODE_INTERFACE_PASS_THROUGH', claimed_platform_name: 'claimed_platform_name', claimed_region_name: 'claimed_region_name' }],
  });
  expect((await authcode.call.chain(wxpay, authcode.args)).data).toEqual({ resp_code: '0000', resp_desc: '成功', auth_code: 'ZJ20261123000001' });
  expect((await facemch.call.chain(wxpay, facemch.args)).data).toEqual({
    union_id: 'union_id',
    openid: 'openid',
    sub_openid: 'sub_openid',
    real_name_info: { encrypted_real_name: '张三', credential_type: 1, encrypted_credential_id: '110101199003071234' },
  });
  expect(server.received.at(-1)?.params).toEqual({ face_sid: 'sid/with space+plus' });
  expect((await contracts.call.chain(wxpay, contracts.args)).data).toMatchObject({ total_count: 1, offset: 0, limit: 20, data: [{ sp_mchid: '1900000108', contract_information: { contract_status: 'ADD' } }] });
});
