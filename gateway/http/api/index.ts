// The analytics API plugin (register under /api/v1).
export { apiRoutes, type ApiRoutesOptions } from './apiRoutes.js';
export { bearerChecker, type BearerCheck } from './bearerAuth.js';
