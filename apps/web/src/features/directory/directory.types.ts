import type { AssignmentStrategy, TicketType } from '@kefu/shared';

// GET /api/v1/directory has no schema in @kefu/shared yet; this mirrors the agreed response.
export interface DirectoryUser {
  id: number;
  name: string;
  username: string;
  employeeNo: string | null;
  teamId: number | null;
  roleKey: string;
  active: boolean;
  skillGroupIds: number[];
}

export interface Directory {
  users: DirectoryUser[];
  teams: { id: number; name: string; leaderId: number | null }[];
  skillGroups: { id: number; name: string; strategy: AssignmentStrategy; memberIds: number[] }[];
  departments: { id: number; name: string }[];
  ticketTypes: TicketType[];
}
