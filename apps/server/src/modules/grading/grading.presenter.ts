import type { CustomerGrading, FollowUp } from '@kefu/shared';
import { toIsoRequired } from '../../lib/clock.js';

export interface FollowUpRow {
  id: number; customer_id: number; at: Date | string; channel: string; summary: string;
  deal_status: string; importance: string; urgency: string; demand: string;
  grade_before: string | null; grade_after: string; next_follow_up_on: string; user_id: number | null; user_name: string | null;
}

export function presentFollowUp(r: FollowUpRow): FollowUp {
  return {
    id: r.id, customerId: r.customer_id, at: toIsoRequired(r.at), channel: r.channel as FollowUp['channel'], summary: r.summary,
    axes: { dealStatus: r.deal_status, importance: r.importance, urgency: r.urgency, demand: r.demand } as FollowUp['axes'],
    gradeBefore: r.grade_before as FollowUp['gradeBefore'], gradeAfter: r.grade_after as FollowUp['gradeAfter'],
    nextFollowUpOn: r.next_follow_up_on,
    user: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
  };
}

export function presentHistory(r: { id: number; at: Date | string; from_grade: string | null; to_grade: string; reason: 'follow_up' | 'regrade'; follow_up_id: number | null; user_name: string | null }): CustomerGrading['history'][number] {
  return {
    id: r.id, at: toIsoRequired(r.at), fromGrade: r.from_grade as CustomerGrading['grade'], toGrade: r.to_grade as NonNullable<CustomerGrading['grade']>,
    reason: r.reason, followUpId: r.follow_up_id, userName: r.user_name,
  };
}
