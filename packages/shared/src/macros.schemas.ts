import { z } from 'zod';
import { LIMITS } from './limits.js';

/** Where a canned reply belongs in the script library (seed 004's standard phrases, seed 003's unified answers). */
export const MACRO_CATEGORIES = ['greeting', 'hold', 'closing', 'callback', 'complaint', 'unified_answer', 'other'] as const;

export const macroInputSchema = z.object({
  category: z.enum(MACRO_CATEGORIES),
  title: z.string().trim().min(1).max(LIMITS.subjectMax),
  body: z.string().trim().min(1).max(LIMITS.noteMax),
  active: z.boolean().default(true),
});
export type MacroInput = z.infer<typeof macroInputSchema>;
export const macroUpdateSchema = z.object({
  version: z.number().int().min(1),
  category: z.enum(MACRO_CATEGORIES).optional(),
  title: z.string().trim().min(1).max(LIMITS.subjectMax).optional(),
  body: z.string().trim().min(1).max(LIMITS.noteMax).optional(),
  active: z.boolean().optional(),
});
export const macroSchema = z.object({
  id: z.number(),
  category: z.enum(MACRO_CATEGORIES),
  title: z.string(),
  body: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Macro = z.infer<typeof macroSchema>;
export const macroListQuerySchema = z.object({
  q: z.string().trim().max(LIMITS.searchQueryMax).optional(),
  category: z.enum(MACRO_CATEGORIES).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
