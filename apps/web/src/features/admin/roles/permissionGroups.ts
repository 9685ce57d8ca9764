import { PERMISSIONS, type Permission } from '@kefu/shared';

/** Permissions grouped by their domain prefix for the checklist. */
export function permissionGroups(): { group: string; permissions: Permission[] }[] {
  const groups = new Map<string, Permission[]>();
  for (const permission of PERMISSIONS) {
    const group = permission.split('.')[0] ?? permission;
    groups.set(group, [...(groups.get(group) ?? []), permission]);
  }
  return [...groups.entries()].map(([group, permissions]) => ({ group, permissions }));
}

/** Catalog key of a permission: dots would read as nesting, so they become underscores. */
export const permissionKey = (permission: Permission) => permission.replace('.', '_') as PermissionCatalogKey;
type Underscored<S extends string> = S extends `${infer A}.${infer B}` ? `${A}_${B}` : S;
export type PermissionCatalogKey = Underscored<Permission>;
type GroupOf<S extends string> = S extends `${infer G}.${string}` ? G : never;
export type PermissionGroup = GroupOf<Permission>;
