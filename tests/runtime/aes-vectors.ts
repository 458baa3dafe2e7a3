/**
 * Published AES-256-GCM (AEAD_AES_256_GCM) test vectors, copied as data. Public TEST keys.
 *
 * - JAVA_AEAD_*: wechatpay-apiv3/wechatpay-java
 *     core/src/test/java/com/wechat/pay/java/core/cipher/AeadAesCipherTest.java (MESSAGE, ASSOCIATED_DATA, NONCE, CIPHERTEXT)
 *     core/src/test/java/com/wechat/pay/java/core/model/TestConfig.java (API_V3_KEY; DOWNLOAD_CERTIFICATE_RESPONSE,
 *     DOWNLOAD_CERTIFICATE_SERIAL_NUMBER: an encrypted platform certificate, as /v3/certificates answers)
 * - AXIOS_*: TheNorthMemory/wechatpay-axios-plugin tests/lib/aes.test.js (mockupKey, mockupIv and the
 *     AesGcm encrypt/decrypt expectations; its iv is 16 characters where WeChat Pay's nonces are 12)
 * - GO_AES_*: wechatpay-apiv3/wechatpay-go utils/aes_test.go (a 16-byte key: AES-128, which an
 *     APIv3 key never is; used to show that such a key is refused)
 */

export const JAVA_API_V3_KEY = 'a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb';
export const JAVA_AEAD = {
  plaintext: 'message',
  associatedData: 'associatedData',
  nonce: 'uluk4a9R25RW',
  ciphertext: 'ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=',
} as const;

/** TestConfig.DOWNLOAD_CERTIFICATE_RESPONSE's data[0].encrypt_certificate and serial_no. */
export const JAVA_CERTIFICATE = {
  algorithm: 'AEAD_AES_256_GCM',
  associatedData: 'certificate',
  nonce: '14b16c03dc1b',
  serial: '5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC',
  effectiveTime: '2023-09-19T23:15:58+08:00',
  expireTime: '2028-09-17T23:15:58+08:00',
  ciphertext:
    'Mr/AxbvY+WL9hKlD5nIa03LOMPpn5f+CWeNxE4ujl0f5gXZ9XLJ9CldkArCOTsbU62XgKnTc3YvRMZQ7wCmE2fzwmAenAySTYsPms72JhggPWfdqVxri9YD5wBYKn8Ck0Fc5JIiVw9WlN2oxHBz83mRVsjoTGC5+cX1CdYqKuZ8pkvi0aCJIq07ZC8MHoTowUz+4jYJy9XeKqip83Z7BmUYxsePpNM+HtihBqTJIUYXJfX7Col5X0ACsApRoU9l6swfW/kzvqNpDJavhDBGasLrr5822+Fk5nVkcTi53f8Wbue7ODWjJxj1yhRYcxFCvXLtpYNB+Qa1aXtrBSdBdBI2p7o+6Imn+auHLBCzkrZqF/yd+d4vTn4tqHPLUj89XcHsMf96uBo3T/HQV8LEDeIO+6YvOK9FrIDYsvp+imN4n/mnF7eJKo9mpN/QqWJiawrFpAmMMxFKBjIdpgMnVUl3Z11RcWKyfOJ3kcmItTWcnZFNyDgR9cS0aU6QPlefa3uUW89uzBuHjcFdDl43yU3LE4qZnHLDcDgx4qt0OFCLiy51GXtEpyYs5k99YJBvKK+RyIs4Yc1/smBmClQUhxW+8bsPNOcXfDvH2yX4YzESoO4TV0RqiCgnsSd4zIFyJPiMKIGzVHiw6Kg0eGCmB4mGHEEZCQ0eN3SSPO0QVjjtBYfgXDZfVHSaAB8PjWBVNFimoViZZQrwT6Ygo0LU0Dd8+F5aHFYr4OPHPslr3hrgutEYXDTv1vTA6ABJGqknJ9Y2vtyWpy7aIwxc0kQq/1ezjs+RMVL/LRpGDnbx1/CGPDjZhYgZypKa55+PDhoaQxqkF3xCLz2DGoNHZYmFqxzAOsAK0vJZw4VcAk6ssbA6YIaMuiemEpxfLC9ZiXtRqsX9s+GWjjtA8JywOFMO+NKZm9BH/E5YNg2DDD3sHG9Mciwn7yJ6sdf8h2lAWlEExAOeiBNyshOHAQ0/S+x1ncWNiqY+Uh5n0rtonvePV2MsxVlEWR3AVHn1abcEWkzivd+G5kg7LYO0goqzGClcQfnFfZdO6KwcMXsBCnm9A1Bl4+k5LLokTIYH5/36SRIZ9j0CHGD77BQLE7x8AlNsoFS2m263tLLq78TFqvZUTIZIQcVIl+NInscS3xQbA38qqFqutCWIwoF1azuJ7woiJyMvnS3xzIpNzP+rzJ8VDXxjLjpEUBOC9WDs74+QMtsAdmh6g0KDclHEk8WJ4P2bnso4z3VCGoDT5X/0bS1C+jMZMKaOCNB21FZ08qgUHmKeDeg8ylENu+mh2Y/AaEDSGkGBHIfFbhMYO3uRxhk9hldiHEnHgdkXiVAAUWk/IhtmGijibO/L76vB74Xpes973uK+2iFKgNBk8qTLLZZnuWbcMQuA6VsFULRb/C+q9B21YuAWPMzvgBwr4EX2m/OpF5w8Q0HL7v1H5H0mIGJbrjnklUPoBYrw30W3uk7yF0KE6sfMukafFx0S9rBOL0RykGDPwC0lHSNySkXDeM5XvDJ+dtHK+RDwhJR+azfrWAHGMtZcQ+YVamjWVmHxXM03j3GeCXgqae1upwHzkPL5OwojcQ5MQi3Kv/1xtwY0cRN/yeZTOsXfujtqhkJj/Vltby4lnW4SCj4LjWQF19BY6zhzF4yybBA8bhhtoNP/zx8QkhHAkIROkK2ZVgfocCAPvfQ+vSrsIBO+L5cmg6mzFn4g84lsHscgXnszIlzUrzx/4Tam0uwuS9J1gddZ0I0QUt9SJzfsoBCTU0OgNMUtXKS5HvgXe7abexMtFH5eulOsAuFZkQ5LYJa/m4yHFInXzL/t3hjdTi2NmxUufvYzwIyffRTu5vS9vjscARD9lUQDHFQ/xgWe1i8EkRlrSfjlXt00+4//h2bcJKyTBT3IXwvKNsuY29V9/vU3HkvWKZ99zpSlmcZRuBa1BHbyPEvc0NlqIIoKidxqUvOR64MzudHhAjgWFP+IXojfhS3Gj9OJhBL7s',
} as const;

export const AXIOS_KEY = '0123456789abcdef0123456789abcdef';
export const AXIOS_IV = '0123456789abcdef';
export const AXIOS_AES_GCM = [
  { plaintext: '', aad: '', ciphertext: 'GvpmmdtYwexXIPhySs9Tlg==' },
  { plaintext: 'hello', aad: 'world', ciphertext: 'APoZlYpivU3HjbAiB4CvW1rAFr8J' },
] as const;

export const GO_AES = {
  key: 'testAPIv3Key0000',
  ciphertext: 'FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC',
  plaintext: 'Hello World',
  nonce: 'wCq51qZv4Yfg',
  associatedData: 'Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8',
} as const;
