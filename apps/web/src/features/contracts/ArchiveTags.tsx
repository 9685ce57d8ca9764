import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractStatus, LendingStatus, StaffStatus } from '@kefu/shared';

const CONTRACT_COLORS: Record<ContractStatus, string> = { draft: 'default', active: 'green', expired: 'red', terminated: 'default', renewed: 'blue' };
const STAFF_COLORS: Record<StaffStatus, string> = { new: 'cyan', on_duty: 'green', returned: 'gold', resigned: 'default' };
const LENDING_COLORS: Record<LendingStatus, string> = { requested: 'gold', approved: 'cyan', rejected: 'red', lent: 'blue', returned: 'green', cancelled: 'default' };

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const { t } = useTranslation();
  return <Tag color={CONTRACT_COLORS[status]}>{t(`contracts.contractStatus.${status}`)}</Tag>;
}

export function StaffStatusTag({ status }: { status: StaffStatus }) {
  const { t } = useTranslation();
  return <Tag color={STAFF_COLORS[status]}>{t(`contracts.staffStatus.${status}`)}</Tag>;
}

export function LendingStatusTag({ status }: { status: LendingStatus }) {
  const { t } = useTranslation();
  return <Tag color={LENDING_COLORS[status]}>{t(`contracts.lendingStatus.${status}`)}</Tag>;
}
