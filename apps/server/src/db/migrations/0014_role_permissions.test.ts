import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_KEYS, BUILTIN_ROLES } from '@kefu/shared';
import { ADDED } from './0014_role_permissions.js';

describe('migration 0014: permissions new in this release for built-in roles', () => {
  it('grants an existing installation exactly what a fresh one gets, never more', () => {
    expect(Object.keys(ADDED).sort()).toEqual([...BUILTIN_ROLE_KEYS].sort());
    for (const key of BUILTIN_ROLE_KEYS) {
      for (const p of ADDED[key]!) expect(BUILTIN_ROLES[key].permissions, `${key}: ${p}`).toContain(p);
    }
  });
});
