import type { Locale, Permission } from '@kefu/shared';

/** Who is acting: every service function receives one. */
export interface Actor {
  tenantId: number;
  userId: number;
  username: string;
  displayName: string;
  roleKey: string;
  teamId: number | null;
  permissions: ReadonlySet<Permission>;
  locale: Locale;
  ip: string | null;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** The actor for command-line tools and seeding: every permission, no user behind it. */
export function systemActor(tenantId: number, permissions: readonly Permission[]): Actor {
  return {
    tenantId,
    userId: 0,
    username: 'system',
    displayName: 'system',
    roleKey: 'admin',
    teamId: null,
    permissions: new Set(permissions),
    locale: 'zh-CN',
    ip: null,
  };
}
