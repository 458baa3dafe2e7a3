/** What `wxpay-gen notify` says after the last attempt: what the answer means for the handler, and what to try next. */
import type { DeliveryResult } from '../../mock';

export function notifyVerdict(result: DeliveryResult, url: string, fault: string | undefined): string[] {
  const last = result.attempts[result.attempts.length - 1];
  const n = result.attempts.length;
  const head = `wxpay-gen notify: id ${result.id}: ${result.delivered ? 'delivered' : `not delivered after ${n} attempt${n === 1 ? '' : 's'}`}`;
  if (last !== undefined && last.status === 0) {
    return [head, `no answer from ${url}: start your server there (it passes the request to the client's notifications.nodeHandler or fetchHandler), then send again`];
  }
  if (fault !== undefined) {
    return result.delivered
      ? [head, `your handler ACCEPTED a forged notification (--fault ${fault}): it must verify and decrypt before acting — pass the request to the client's notifications.nodeHandler / fetchHandler, which answer FAIL`]
      : [head, `your handler refused the forged notification (--fault ${fault}), as it must${result.attempts.every((a) => a.valid) ? '' : ', but not with a documented answer (4XX/5XX with {"code":"FAIL","message":"…"})'}`];
  }
  return result.delivered
    ? [head, `next: check that forgeries are refused: the same command with --fault tampered-signature (the handler must answer FAIL)`]
    : [head, 'your handler did not answer 200/204 (see the attempts above): give it the keys folder\'s pub_key.pem (certs, under the id in mock.json) and apiv3.key, or read its log for why it refused'];
}
