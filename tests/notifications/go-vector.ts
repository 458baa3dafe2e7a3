/**
 * wechatpay-apiv3/wechatpay-go core/notify/notify_test.go TestHandler_ParseNotifyRequest: a
 * notification signed by the Go test certificate D7CE59D1F522D701 (tests/runtime/vectors.ts),
 * at Unix time 1624523846, copied as data. Its APIv3 key there, "testMchAPIv3Key0", is 16 bytes
 * (AES-128), which a real APIv3 key never is: the vector proves the signature side only.
 * The Go test sends no Wechatpay-Signature-Type header.
 */
export const GO_NOTIFY_NOW_MS = 1624523846 * 1000;
export const GO_NOTIFY_HEADERS = {
  'Content-Type': 'application/json',
  'Wechatpay-Nonce': 'EcZ9Cmy4Xyx1i6RlJQzLcCyEqDa26NBz',
  'Wechatpay-Timestamp': '1624523846',
  'Wechatpay-Serial': 'D7CE59D1F522D701',
  'Wechatpay-Signature':
    'tJHIiIS9eB2hAYstmAmbbD3ZE5LiIm/Ug5tuL4fC0YOFRWIHV39UFIZXC0e9Wl6lBu6sKvkqDkzpqzBsVHyXF' +
    'lbYZTOQrVdG4b6LfTnK4mikv9++ixJMd3vTf2yCqvBkh98zs3Ds5zsYQakzbcwhmw4fMJs4nPLws28H0UW9FjDR//rxELLwXvV1VEA1I' +
    'BLX70xptjL8hrfUjEE8kkry6yNJTHZRU8CAc7qHli2Ng1V1qb9ARbK8A3ThmFmPQvRGrapI/jS2laKKgYUmfdEdkNO6B2Cke5e8VTxY4' +
    '06ArAmQ90GAihDwIcb16TQMnzCMBoutnwZKNiKRACrFmtxw2Q==',
} as const;
export const GO_NOTIFY_BODY =
  '{' +
  '"id":"3119dfba-e649-5eec-ab1e-3412bc4d2e17",' +
  '"create_time":"2021-06-24T16:37:26+08:00",' +
  '"resource_type":"encrypt-resource",' +
  '"event_type":"PAYSCORE.USER_OPEN_SERVICE",' +
  '"summary":"签约成功",' +
  '"resource":{' +
  '"original_type":"payscore",' +
  '"algorithm":"AEAD_AES_256_GCM",' +
  '"ciphertext":"YDS3lKPaC4Y52Gf3uhft5qUBlIa8b428AWTtTauHQfQrRw+X1WpiuHIDy0vo1Vd6VEq67aVyqPdDYMkRVSDaZL3iZt' +
  'tevRMOoPKMifozg6XPWjIZumks/GpT48lI4NizyeaqLBokNebthah3o1H76qSlO9NkDjp9bzmKLEYYH9TEklFUpsvPqOTOcgSLgh21YJXYR' +
  '7dEBXFgRLiNIKRgO5JdXh1hccRUAlyVWxE54PXpnQ==",' +
  '"associated_data":"payscore",' +
  '"nonce":"Kj7QIyUiYx1q"}' +
  '}';
export const GO_NOTIFY_KEY_AES128 = 'testMchAPIv3Key0';
export const GO_NOTIFY_PLAINTEXT =
  '{"mchid":"1234567890","appid":"054aa7d7a2a54ab5898df65bd96f001c","create_time":"2020-06-30T12:12:00+08:00","out_contract_code":"21640bdbd08e473e828f3206a2741c6e"}';
