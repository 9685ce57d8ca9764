export * from './errors.js';
export * from './limits.js';
export * from './permissions.js';
export * from './common.schemas.js';
export * from './auth.schemas.js';
export * from './tickets.schemas.js';
export * from './customers.schemas.js';
export * from './admin.schemas.js';
