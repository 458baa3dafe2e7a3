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
cli.run(process.argv);
