#!/usr/bin/env node
// The `cognate` entry point (CommonJS: bin/package.json). `cognate serve` loads the server's ES module
// bundle, dist/cognate.js. Every other command runs the CLI's CommonJS bundle, dist/cli.cjs, compiled
// with the V8 code cache that the build wrote beside it (dist/cli.cache), so a call skips parsing and
// compiling the CLI. A cache V8 rejects (another Node.js, other V8 flags, another bundle, cut short)
// only costs that compilation. V8 does not checksum a cache unless a flag asks (and loading node:v8 to
// set it costs a fifth of Node's start-up), so the cache is trusted as the bundle beside it is: both
// are written by the build, each with an atomic rename. `npm run build` (run by `npm ci`) rewrites them.
'use strict';
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

function missing() {
  process.stderr.write('cognate: the bundle is missing; run `npm run build` (npm ci does it for you).\n');
  process.exit(255);
}

const argv = process.argv.slice(2);
if (argv[0] === 'serve') {
  import('../dist/cognate.js').catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cognate.js')) missing();
    throw err;
  });
} else {
  const vm = require('node:vm');
  // The build's warm-up (COGNATE_WRITE_CODE_CACHE, scripts/build.mjs) runs the bundle it is building.
  const warmUp = process.env.COGNATE_WRITE_CODE_CACHE;
  const dir = warmUp ? resolve(dirname(warmUp)) : join(__dirname, '..', 'dist');
  const file = join(dir, 'cli.cjs');
  const cacheFile = join(dir, 'cli.cache');
  let source;
  try {
    // The build makes it ASCII: latin1 reads it without the cost of decoding UTF-8.
    source = readFileSync(file, 'latin1');
  } catch {
    missing();
  }
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  // CommonJS's own wrapper, and no importModuleDynamically: the build checks that the bundle has no
  // import() and requires only Node's built-ins (this file's require serves), so neither node:module
  // nor Node's ES module loader is started.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, require, mod, file, dir);
  if (warmUp) {
    // Build only (scripts/build.mjs): run the warm-up calls, then write what V8 compiled for them.
    (async () => {
      for (const args of JSON.parse(process.env.COGNATE_CODE_CACHE_CALLS || '[]')) await mod.exports.runCli(args);
      writeFileSync(`${warmUp}.tmp`, script.createCachedData());
      renameSync(`${warmUp}.tmp`, warmUp);
    })();
  } else {
    mod.exports.runCli(argv).then(
      (code) => {
        if (code !== undefined && code >= 0) process.exitCode = code;
      },
      (err) => {
        process.stderr.write(`\n${(err && err.stack) || err}\n`);
        process.exitCode = 255;
      },
    );
  }
}
