import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TicketType } from '@kefu/shared';
import { api } from '../../app/api';
import type { Directory } from './directory.types';

const EMPTY: Directory = { users: [], teams: [], skillGroups: [], departments: [], ticketTypes: [] };

export function useDirectory() {
  return useQuery({ queryKey: ['directory'], queryFn: () => api.get<Directory>('/directory'), staleTime: 5 * 60_000 });
}

/** Names for ids and keys, in the UI language, plus ready-made select options. */
export function useDirectoryLookup() {
  const { data = EMPTY, isLoading } = useDirectory();
  const { i18n } = useTranslation();
  const isEn = i18n.language === 'en';

  return useMemo(() => {
    const users = new Map(data.users.map((u) => [u.id, u]));
    const teams = new Map(data.teams.map((t) => [t.id, t]));
    const groups = new Map(data.skillGroups.map((g) => [g.id, g]));
    const departments = new Map(data.departments.map((d) => [d.id, d]));
    const types = new Map(data.ticketTypes.map((t) => [t.key, t]));
    const typeName = (type: TicketType | undefined, key: string) => (type ? (isEn ? type.nameEn : type.nameZh) : key);
    const activeUsers = data.users.filter((u) => u.active);
    return {
      isLoading,
      directory: data,
      userName: (id: number | null | undefined) => (id == null ? '' : (users.get(id)?.name ?? `#${id}`)),
      teamName: (id: number | null | undefined) => (id == null ? '' : (teams.get(id)?.name ?? `#${id}`)),
      skillGroupName: (id: number | null | undefined) => (id == null ? '' : (groups.get(id)?.name ?? `#${id}`)),
      departmentName: (id: number | null | undefined) => (id == null ? '' : (departments.get(id)?.name ?? `#${id}`)),
      ticketType: (key: string) => types.get(key),
      ticketTypeName: (key: string) => typeName(types.get(key), key),
      userOptions: activeUsers.map((u) => ({ value: u.id, label: u.employeeNo ? `${u.name}（${u.employeeNo}）` : u.name })),
      teamOptions: data.teams.map((t) => ({ value: t.id, label: t.name })),
      skillGroupOptions: data.skillGroups.map((g) => ({ value: g.id, label: g.name })),
      departmentOptions: data.departments.map((d) => ({ value: d.id, label: d.name })),
      ticketTypeOptions: data.ticketTypes.filter((t) => t.active).map((t) => ({ value: t.key, label: typeName(t, t.key) })),
      customFieldLabel: (field: { labelZh: string; labelEn: string }) => (isEn ? field.labelEn : field.labelZh),
    };
  }, [data, isLoading, isEn]);
}

export type DirectoryLookup = ReturnType<typeof useDirectoryLookup>;
