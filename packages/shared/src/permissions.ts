/** Every permission a role can carry. Routes check these through each domain's policy. */
export const PERMISSIONS = [
  'tickets.read_all',
  'tickets.read_own',
  'tickets.create',
  'tickets.update',
  'tickets.assign',
  'tickets.merge',
  'tickets.delete_attachment',
  'customers.read',
  'customers.write',
  'customers.reveal_pii',
  'audit.read',
  'admin.users',
  'admin.roles',
  'admin.teams',
  'admin.ticket_types',
  'admin.departments',
  'admin.settings',
  'reports.read',
  'macros.manage',
  'calls.read_all',
  'calls.read_own',
  'calls.admin',
  'sla.manage',
  'complaints.handle',
  'complaints.approve',
  'complaints.approve_serious',
  'callbacks.manage',
  'callbacks.work',
  'customers.import',
  'contracts.manage',
  'staff.manage',
  'lending.manage',
  'lending.approve',
  'workforce.request',
  'workforce.schedule',
  'workforce.approve',
  'workforce.direct',
  'handover.sign',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who may watch the live wallboard (any one of these). */
export const WALLBOARD_READERS: readonly Permission[] = ['reports.read', 'calls.read_all'];

export const BUILTIN_ROLE_KEYS = ['admin', 'manager', 'gm', 'leader', 'agent', 'qa', 'complaints', 'archivist'] as const;
export type BuiltinRoleKey = (typeof BUILTIN_ROLE_KEYS)[number];

const all = [...PERMISSIONS];
const workOrders: Permission[] = ['tickets.read_all', 'tickets.read_own', 'tickets.create', 'tickets.update', 'customers.read', 'customers.write'];

export const BUILTIN_ROLES: Record<BuiltinRoleKey, { nameZh: string; nameEn: string; permissions: Permission[] }> = {
  admin: { nameZh: '系统管理员', nameEn: 'Administrator', permissions: all },
  manager: { nameZh: '客服经理', nameEn: 'Service manager', permissions: all.filter((p) => p !== 'admin.settings') },
  gm: {
    nameZh: '总经理', nameEn: 'General manager',
    permissions: ['tickets.read_all', 'tickets.read_own', 'customers.read', 'audit.read', 'reports.read', 'calls.read_all', 'complaints.approve', 'complaints.approve_serious', 'workforce.direct', 'lending.approve'],
  },
  leader: {
    nameZh: '值班长', nameEn: 'Shift leader',
    permissions: [...workOrders, 'tickets.assign', 'tickets.merge', 'tickets.delete_attachment', 'reports.read', 'macros.manage', 'calls.read_all',
      'callbacks.manage', 'callbacks.work', 'workforce.request', 'workforce.schedule', 'workforce.approve', 'handover.sign'],
  },
  agent: { nameZh: '客服代表', nameEn: 'Agent', permissions: [...workOrders, 'calls.read_own', 'callbacks.work', 'workforce.request'] },
  qa: {
    nameZh: '质检员', nameEn: 'QA inspector',
    permissions: ['tickets.read_all', 'tickets.read_own', 'customers.read', 'reports.read', 'macros.manage', 'calls.read_all', 'callbacks.manage', 'callbacks.work', 'workforce.request'],
  },
  complaints: { nameZh: '投诉专员', nameEn: 'Complaint specialist', permissions: [...workOrders, 'tickets.assign', 'customers.reveal_pii', 'calls.read_all', 'complaints.handle', 'callbacks.work', 'workforce.request'] },
  archivist: { nameZh: '档案管理员', nameEn: 'Archivist', permissions: ['tickets.read_all', 'tickets.read_own', 'customers.read', 'customers.write', 'customers.reveal_pii', 'customers.import', 'contracts.manage', 'staff.manage', 'lending.manage', 'workforce.request'] },
};

export function hasPermission(permissions: readonly string[], needed: Permission): boolean {
  return permissions.includes(needed);
}
