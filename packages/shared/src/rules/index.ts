import type { RuleMessages } from './rule-messages.js';
import { complaintsRules } from './complaints.rules.js';
import { callbacksRules } from './callbacks.rules.js';
import { gradingRules } from './grading.rules.js';
import { contractsRules } from './contracts.rules.js';
import { piiRules } from './pii.rules.js';
import { rostersRules } from './rosters.rules.js';
import { schedulesRules } from './schedules.rules.js';
import { slaRules } from './sla.rules.js';
import { complaintReportsRules } from './complaint-reports.rules.js';
import { callsRules } from './calls.rules.js';
import { customerArchiveRules } from './customer-archive.rules.js';
import { customerImportRules } from './customer-import.rules.js';

const all: RuleMessages[] = [complaintsRules, callbacksRules, gradingRules, contractsRules, piiRules, rostersRules, schedulesRules, slaRules, complaintReportsRules, callsRules, customerArchiveRules, customerImportRules];

/** Every rule message, merged: RULE_VIOLATION errors look their text up here by params.rule. */
export const RULE_MESSAGES: RuleMessages = {
  'zh-CN': Object.assign({}, ...all.map((r) => r['zh-CN'])),
  en: Object.assign({}, ...all.map((r) => r.en)),
};
