import { z } from 'zod';
import { LIMITS } from './limits.js';
import { PERMISSIONS } from './permissions.js';
import { ASSIGNMENT_STRATEGIES } from './tickets.schemas.js';
import { idSchema, isoDateTimeSchema, pageQuerySchema, pagedSchema } from './common.schemas.js';

const username = z.string().trim().min(2).max(LIMITS.usernameMax).regex(/^[A-Za-z0-9_.-]+$/);

export const userCreateSchema = z.object({
  username,
  displayName: z.string().trim().min(1).max(LIMITS.nameMax),
  password: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax),
  roleId: idSchema,
  teamId: idSchema.nullable().optional(),
  employeeNo: z.string().trim().max(20).optional(),
  email: z.email().max(200).optional(),
  skillGroupIds: z.array(idSchema).max(50).default([]),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.object({
  version: z.number().int().min(1),
  displayName: z.string().trim().min(1).max(LIMITS.nameMax).optional(),
  password: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax).optional(),
  roleId: idSchema.optional(),
  teamId: idSchema.nullable().optional(),
  employeeNo: z.string().trim().max(20).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  skillGroupIds: z.array(idSchema).max(50).optional(),
  active: z.boolean().optional(),
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  employeeNo: z.string().nullable(),
  email: z.string().nullable(),
  role: z.object({ id: z.number(), key: z.string(), name: z.string() }),
  teamId: z.number().nullable(),
  skillGroupIds: z.array(z.number()),
  active: z.boolean(),
  openTickets: z.number(),
  createdAt: z.string(),
  version: z.number(),
});
export type User = z.infer<typeof userSchema>;

export const roleInputSchema = z.object({
  key: z.string().trim().min(2).max(40).regex(/^[a-z][a-z0-9_]*$/),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(40),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
});
export type RoleInput = z.infer<typeof roleInputSchema>;
export const roleUpdateSchema = roleInputSchema.omit({ key: true }).partial();
export const roleSchema = roleInputSchema.extend({ id: z.number(), builtin: z.boolean(), userCount: z.number() });
export type Role = z.infer<typeof roleSchema>;

export const teamInputSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMax),
  leaderId: idSchema.nullable().optional(),
});
export const teamSchema = z.object({ id: z.number(), name: z.string(), leaderId: z.number().nullable(), memberCount: z.number() });
export type Team = z.infer<typeof teamSchema>;

export const skillGroupInputSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMax),
  strategy: z.enum(ASSIGNMENT_STRATEGIES).default('round_robin'),
  memberIds: z.array(idSchema).max(1000).default([]),
});
// Without defaults: zod 4 keeps them under .partial(), and a rename would reset the strategy and drop every member.
export const skillGroupUpdateSchema = skillGroupInputSchema.extend({ strategy: z.enum(ASSIGNMENT_STRATEGIES), memberIds: z.array(idSchema).max(1000) }).partial();
export const skillGroupSchema = z.object({
  id: z.number(),
  name: z.string(),
  strategy: z.enum(ASSIGNMENT_STRATEGIES),
  memberIds: z.array(z.number()),
});
export type SkillGroup = z.infer<typeof skillGroupSchema>;

export const departmentInputSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMax),
  contactName: z.string().trim().max(LIMITS.nameMax).optional(),
  email: z.email().max(200).optional(),
  active: z.boolean().default(true),
});
export const teamUpdateSchema = teamInputSchema.partial();
/** Without the default: a rename must not reactivate a department. */
export const departmentUpdateSchema = departmentInputSchema.extend({ active: z.boolean() }).partial();
export const departmentSchema = z.object({
  id: z.number(),
  name: z.string(),
  contactName: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
});
export type Department = z.infer<typeof departmentSchema>;

export const auditQuerySchema = pageQuerySchema.extend({
  entity: z.string().max(40).optional(),
  entityId: idSchema.optional(),
  actorId: idSchema.optional(),
  action: z.string().max(60).optional(),
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
});
export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({ id: z.number(), name: z.string() }).nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = pagedSchema(auditEntrySchema);

/** Names and ids every signed-in user needs for pickers and labels. */
export const directorySchema = z.object({
  users: z.array(z.object({ id: z.number(), name: z.string(), username: z.string(), employeeNo: z.string().nullable(), teamId: z.number().nullable(), roleKey: z.string(), active: z.boolean(), skillGroupIds: z.array(z.number()) })),
  teams: z.array(z.object({ id: z.number(), name: z.string(), leaderId: z.number().nullable() })),
  skillGroups: z.array(skillGroupSchema),
  departments: z.array(z.object({ id: z.number(), name: z.string(), active: z.boolean() })),
  ticketTypes: z.array(z.object({ id: z.number(), key: z.string(), nameZh: z.string(), nameEn: z.string(), builtin: z.boolean(), active: z.boolean(), fields: z.array(z.any()) })),
});
export type Directory = z.infer<typeof directorySchema>;
