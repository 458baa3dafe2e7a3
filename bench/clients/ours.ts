/**
 * Our generated client, used the way its README shows. The bench bundles this file against
 * the client it has just generated from specs/ (so the current templates/runtime is what runs);
 * the import below is what it type-checks against.
 */
import { createClient } from '../../generated';
import { REQUEST_BODY } from '../fixture';
import type { ClientFactory } from './types';

export const makeOurs: ClientFactory = ({ baseURL, keys }) => {
  const wxpay = createClient({
    mchid: keys.mchid,
    serial: keys.merchantSerial,
    privateKey: keys.merchantPrivatePem,
    certs: { [keys.platformSerial]: keys.platformPublicPem },
    baseURL,
  });
  return async () => (await wxpay.v3.gov.subsidy.qualifications.passthrough.query.post({ json: REQUEST_BODY })).data;
};
