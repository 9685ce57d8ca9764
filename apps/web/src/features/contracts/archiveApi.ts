import type {
  Contract, ContractInput, ContractRenew, ContractUpdate, ExpiringContracts, Lending, LendingRequest, Staff, StaffDeduction, StaffDeductionInput,
  StaffDeductionSummary, StaffInput, StaffMovement, StaffMovementInput, StaffPlacement, StaffPlacementInput, StaffProfile, StaffUpdate,
} from '@kefu/shared';
import { api, type Query } from '../../app/api';

type Page<T> = { items: T[]; total: number; totalCapped: boolean; page: number; pageSize: number };

export const archiveKeys = {
  contracts: ['contracts'] as const,
  contractList: (query: Query) => ['contracts', 'list', query] as const,
  expiring: (days: number) => ['contracts', 'expiring', days] as const,
  staff: ['service-staff'] as const,
  staffList: (query: Query) => ['service-staff', 'list', query] as const,
  staffProfile: (id: number) => ['service-staff', 'profile', id] as const,
  deductionSummary: (month: string) => ['service-staff', 'deductions', month] as const,
  lending: ['lending'] as const,
  lendingList: (query: Query) => ['lending', 'list', query] as const,
};

export const contractsApi = {
  list: (query: Query) => api.get<Page<Contract>>('/contracts', query),
  expiring: (days: number) => api.get<ExpiringContracts>('/contracts/expiring', { days }),
  create: (input: ContractInput) => api.post<Contract>('/contracts', input),
  update: (id: number, input: ContractUpdate) => api.patch<Contract>(`/contracts/${id}`, input),
  activate: (id: number, version: number) => api.post<Contract>(`/contracts/${id}/activate`, { version }),
  terminate: (id: number, version: number, reason: string) => api.post<Contract>(`/contracts/${id}/terminate`, { version, reason }),
  renew: (id: number, input: ContractRenew) => api.post<{ previous: Contract; renewal: Contract }>(`/contracts/${id}/renew`, input),
};

export const staffApi = {
  list: (query: Query) => api.get<Page<Staff>>('/service-staff', query),
  profile: (id: number) => api.get<StaffProfile>(`/service-staff/${id}`),
  create: (input: StaffInput) => api.post<Staff>('/service-staff', input),
  update: (id: number, input: StaffUpdate) => api.patch<Staff>(`/service-staff/${id}`, input),
  move: (id: number, input: StaffMovementInput) => api.post<{ items: StaffMovement[] }>(`/service-staff/${id}/movements`, input),
  place: (id: number, input: StaffPlacementInput) => api.post<StaffPlacement>(`/service-staff/${id}/placements`, input),
  endPlacement: (id: number, placementId: number, version: number, endDate: string) => api.post<StaffPlacement>(`/service-staff/${id}/placements/${placementId}/end`, { version, endDate }),
  deduct: (id: number, input: StaffDeductionInput) => api.post<StaffDeduction>(`/service-staff/${id}/deductions`, input),
  summary: (month: string) => api.get<StaffDeductionSummary>('/service-staff/deductions', { month }),
};

export const lendingApi = {
  list: (query: Query) => api.get<Page<Lending>>('/lending', query),
  request: (input: LendingRequest) => api.post<Lending>('/lending', input),
  act: (id: number, action: 'approve' | 'reject' | 'lend' | 'return' | 'cancel', body: Record<string, unknown>) => api.post<Lending>(`/lending/${id}/${action}`, body),
};

/** Money is kept in fen (integer); shown in yuan. */
export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
export const toFen = (amount: number | null | undefined) => Math.round((amount ?? 0) * 100);
