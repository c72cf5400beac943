#!/usr/bin/env node
// The `cognate` entry point: runs the bundled CLI (built by `npm ci` through the prepare script).
import('../dist/cognate.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cognate.js')) {
    process.stderr.write('cognate: the bundle is missing; run `npm run build` (npm ci does it for you).\n');
    process.exit(255);
  }
  throw err;
});
