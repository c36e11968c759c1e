#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm run build`, which `npm ci` runs through `prepare`).
import('../dist/ops/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/ops/cli/main.js')) {
    console.error('lexbot: not built yet; run `npm run build` (npm ci does it through `prepare`)');
    process.exit(1);
  }
  throw error;
});
