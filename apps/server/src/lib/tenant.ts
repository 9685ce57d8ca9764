/** The tenant of a single-department installation (and of the demo). Multi-tenant centers add more. */
export const DEFAULT_TENANT_ID = 1;
