/**
 * wechatpay-axios-plugin, configured as its README shows (`new Wechatpay({ mchid, serial,
 * privateKey, certs })`, the chained `wxpay.v3.….post(data, config)` call), the sensitive fields
 * encrypted with its `Rsa.encrypt` and the public key loaded once with `Rsa.from`, the
 * `Wechatpay-Serial` header passed in the call's config as its FAQ says.
 */
import { Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { REQUEST_BODY } from '../fixture';
import type { ClientFactory } from './types';

export const makePlugin: ClientFactory = ({ baseURL, keys }) => {
  const wxpay = new Wechatpay({
    mchid: keys.mchid,
    serial: keys.merchantSerial,
    privateKey: keys.merchantPrivatePem,
    certs: { [keys.platformSerial]: keys.platformPublicPem },
    baseURL,
  });
  const platformPublicKey = Rsa.from(keys.platformPublicPem, Rsa.KEY_TYPE_PUBLIC);
  const config = { headers: { 'Wechatpay-Serial': keys.platformSerial } };
  return async () => {
    // The plugin's chain is an index-signature proxy; `!` only quiets noUncheckedIndexedAccess.
    const res = await wxpay.v3!.gov!.subsidy!.qualifications!.passthrough!.query!.post(
      {
        ...REQUEST_BODY,
        real_name: Rsa.encrypt(REQUEST_BODY.real_name, platformPublicKey),
        id_card_number: Rsa.encrypt(REQUEST_BODY.id_card_number, platformPublicKey),
        phone_number: Rsa.encrypt(REQUEST_BODY.phone_number, platformPublicKey),
      },
      config,
    );
    return res.data as unknown;
  };
};
