/**
 * The one call every per-call client makes: POST /v3/gov/subsidy/qualifications/passthrough/query
 * with three sensitive fields, and the (signed) answer the bench server gives it.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';

export const CALL_PATH = '/v3/gov/subsidy/qualifications/passthrough/query';

/** The plaintext request body; real_name, id_card_number and phone_number are `x-encrypted: rsa`. */
export const REQUEST_BODY = {
  real_name: '张三',
  id_card_number: '110101199003071234',
  phone_number: '13800138000',
  qualification_region_code: 310100,
  identity_document_type: 'ID_DOC_TYPE_ID_CARD',
} as const;

export const ENCRYPTED_FIELDS = ['real_name', 'id_card_number', 'phone_number'] as const;

/** The 200 answer (shaped as the spec's response schema). */
export const RESPONSE_BODY = JSON.stringify({
  qualification_list: [
    { appliance_id: 1, state: 'UNCLAIMED', unclaimed_reason: 'REASON_UNCLAIMED', claim_mode: 'CLAIM_MODE_INTERFACE_PASS_THROUGH' },
    { appliance_id: 2, state: 'UNREDEEMED', claim_mode: 'CLAIM_MODE_INTERFACE_PASS_THROUGH', claimed_platform_name: '某平台', claimed_region_name: '上海市' },
  ],
});

/** Keys and ids shared by the bench server and the clients (written once per run to a temp file). */
export interface BenchKeys {
  readonly mchid: string;
  /** Merchant API certificate serial (sent in Authorization). */
  readonly merchantSerial: string;
  /** Merchant private key (clients sign with it) and its public half (the server checks with it). */
  readonly merchantPrivatePem: string;
  readonly merchantPublicPem: string;
  /** WeChat Pay public key id, its private half (the server signs answers and decrypts fields) and public half (clients). */
  readonly platformSerial: string;
  readonly platformPrivatePem: string;
  readonly platformPublicPem: string;
}

/** Fresh RSA-2048 key pairs for one run (nothing secret is committed). */
export function makeKeys(): BenchKeys {
  const pair = () =>
    generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
  const merchant = pair();
  const platform = pair();
  return {
    mchid: '1900000001',
    merchantSerial: randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivatePem: merchant.privateKey,
    merchantPublicPem: merchant.publicKey,
    platformSerial: 'PUB_KEY_ID_0114232134912410000000000000',
    platformPrivatePem: platform.privateKey,
    platformPublicPem: platform.publicKey,
  };
}

export function writeKeys(file: string, keys: BenchKeys): void {
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
}
