// Makes two calls with the compiled runtime and then simply ends: if a keep-alive socket or a
// timer were left referenced, this process would not exit and the test's kill timeout would fire.
'use strict';
const { buildClient } = require('../../dist/templates/runtime/index.js');

const client = buildClient(JSON.parse(process.env.PROBE_TABLE), JSON.parse(process.env.PROBE_OPTIONS));
(async () => {
  const args = { openid: 'o', query: { appid: 'wx' }, timeout: 60_000 };
  await client.v3.eduPapay.user._openid_.contracts.get(args);
  const r = await client.v3.eduPapay.user._openid_.contracts.get(args);
  process.stdout.write(`status ${r.status}\n`);
})().catch((e) => {
  process.stderr.write(`${e && e.name}: ${e && e.message}\n`);
  process.exitCode = 1;
});
