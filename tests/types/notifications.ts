/**
 * Type tests of the notification union (compiled by `tsc --noEmit` in `npm test`, never run):
 * narrowing on `event_type` types `data` per event; a wrong payload field does not compile.
 */
import { createClient, type WebhookNotification, type WxPayClient } from '../../generated';

declare const pem: string;
const wxpay: WxPayClient = createClient({ mchid: '1900000001', serial: 'ABC', privateKey: pem, certs: { PUB_KEY_ID_0114232134912410000000000000: pem }, apiV3Key: 'a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb' });

export function handle(n: WebhookNotification): string {
  if (n.event_type === 'TRANSACTION.SUCCESS') {
    const paid: number | undefined = n.data.amount.payer_total;
    const order: string = n.data.out_trade_no;
    // @ts-expect-error a refund field is not on a payment notification
    void n.data.refund_status;
    // @ts-expect-error payer_total is a number, not a string
    const wrong: string = n.data.amount.payer_total;
    void wrong;
    return `${order} ${paid ?? 0}`;
  }
  if (n.event_type === 'REFUND.SUCCESS') {
    const status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' = n.data.refund_status;
    // @ts-expect-error 'PAID' is not a refund status
    const other: typeof n.data.refund_status = 'PAID';
    void other;
    return status;
  }
  switch (n.event_type) {
    case 'ENTRUST.SIGNING': {
      const plan: string | undefined = n.data.plan_id;
      // @ts-expect-error no such field on the signing payload
      void n.data.refund_id;
      return plan ?? '';
    }
    default:
      // an event type the spec does not have: verified and decrypted, data opaque
      return n.event_type;
  }
}

export function adapters(): void {
  const node = wxpay.notifications.nodeHandler(async (n) => {
    if (n.event_type === 'TRANSACTION.SUCCESS') void n.data.amount.payer_total;
  });
  const fetchStyle: (r: Request) => Promise<Response> = wxpay.notifications.fetchHandler((n) => {
    void n.id;
  });
  void node;
  void fetchStyle;
  void wxpay.notifications.parse({ headers: {}, body: '' }).then((n) => n.event_type);
  // @ts-expect-error the raw body, never a parsed object
  void wxpay.notifications.parse({ headers: {}, body: { id: 'x' } });
}
