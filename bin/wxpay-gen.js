#!/usr/bin/env node
'use strict';
let cli;
try {
  cli = require('../dist/bin/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('dist/bin/cli.js')) {
    process.stderr.write('wxpay-gen: not built yet; run `npm ci` (or `npm run build`) in the wxpay-gen folder first\n');
    process.exit(2);
  }
  throw e;
}
// A reader that stops early (`wxpay-gen --help | head -1`) closes the pipe: end quietly, as other CLIs do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
cli.run(process.argv);
