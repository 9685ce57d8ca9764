import { z } from 'zod';
import { LIMITS } from './limits.js';
import { PERMISSIONS } from './permissions.js';

export const loginInputSchema = z.object({
  username: z.string().trim().min(1).max(LIMITS.usernameMax),
  password: z.string().min(1).max(LIMITS.passwordMax),
  tenant: z.string().max(64).optional(),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  employeeNo: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en']),
  role: z.object({ id: z.number(), key: z.string(), name: z.string() }),
  teamId: z.number().nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  tenant: z.object({ id: z.number(), name: z.string(), timezone: z.string() }),
});
export type Me = z.infer<typeof meSchema>;

export const loginResultSchema = z.object({ token: z.string(), expiresAt: z.string(), user: meSchema });
export type LoginResult = z.infer<typeof loginResultSchema>;

export const apiTokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMax),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type ApiTokenCreate = z.infer<typeof apiTokenCreateSchema>;

export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenCreatedSchema = apiTokenSchema.extend({ token: z.string() });

export const changeLocaleSchema = z.object({ locale: z.enum(['zh-CN', 'en']) });
