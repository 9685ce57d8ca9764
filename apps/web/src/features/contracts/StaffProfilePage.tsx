import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Row, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { StaffDeduction, StaffMovement, StaffPlacement } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { ErrorResult } from '../../ui/ErrorResult';
import { FullPageSpin } from '../../ui/FullPageSpin';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { StaffStatusTag } from './ArchiveTags';
import { archiveKeys, staffApi, yuan } from './archiveApi';
import { StaffFormModal } from './StaffFormModal';
import { DeductionModal, MovementModal, PlacementModal } from './StaffRecordModals';
import { useArchiveMutation } from './useArchiveMutation';

type Dialog = 'edit' | 'movement' | 'placement' | 'deduction' | null;

/** One worker's archive page: profile, placements with customers, the movement log and monthly deductions. */
export function StaffProfilePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const id = Number(useParams().id);
  const canManage = can('staff.manage');
  const [dialog, setDialog] = useState<Dialog>(null);
  const profile = useQuery({ queryKey: archiveKeys.staffProfile(id), queryFn: () => staffApi.profile(id), enabled: Number.isInteger(id) && id > 0 });
  const end = useArchiveMutation(archiveKeys.staff, (v: { placement: StaffPlacement; endDate: string }) => staffApi.endPlacement(id, v.placement.id, v.placement.version, v.endDate));

  if (profile.isLoading) return <FullPageSpin />;
  if (profile.error || !profile.data) return <ErrorResult error={profile.error} onRetry={() => void profile.refetch()} />;
  const { staff, placements, movements, deductions, monthlyTotals } = profile.data;
  const none = t('contracts.common.none');
  const close = () => setDialog(null);

  const askEnd = (placement: StaffPlacement) => {
    let endDate = dayjs().format('YYYY-MM-DD');
    modal.confirm({
      title: `${t('contracts.staff.endPlacement')} · ${placement.customer.name}`,
      content: <DatePicker defaultValue={dayjs()} allowClear={false} onChange={(d) => { if (d) endDate = d.format('YYYY-MM-DD'); }} />,
      onOk: () => end.mutateAsync({ placement, endDate }),
    });
  };

  return (
    <>
      <PageHeader
        backTo="/service-staff"
        title={staff.name}
        tags={<><StaffStatusTag status={staff.status} />{staff.level && <Tag color="purple">{staff.level}</Tag>}</>}
        extra={canManage && (
          <>
            <Button onClick={() => setDialog('edit')}>{t('contracts.staff.edit')}</Button>
            <Button type="primary" onClick={() => setDialog('movement')} data-testid="movement-open">{t('contracts.staff.addMovement')}</Button>
          </>
        )}
      />
      <Flex vertical gap={16}>
        <Card title={t('contracts.staff.profile')} size="small">
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" data-testid="staff-profile">
            <Descriptions.Item label={t('contracts.staff.gender')}>{t(`contracts.gender.${staff.gender}`)}</Descriptions.Item>
            <Descriptions.Item label={t('contracts.staff.birthYear')}>{staff.birthYear ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('contracts.staff.phone')}>{staff.phone ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('contracts.staff.idCard')}>
              <span data-testid="staff-id-card">{staff.idCard ?? none}</span>
              {staff.piiMasked && staff.idCard && <Tooltip title={t('contracts.staff.masked')}><Tag style={{ marginInlineStart: 8 }}>{t('contracts.staff.masked')}</Tag></Tooltip>}
            </Descriptions.Item>
            <Descriptions.Item label={t('contracts.staff.skills')}>{staff.skills.length ? staff.skills.map((s) => <Tag key={s}>{s}</Tag>) : none}</Descriptions.Item>
            <Descriptions.Item label={t('contracts.staff.currentPlacement')}>{staff.currentPlacement ? staff.currentPlacement.customer.name : none}</Descriptions.Item>
            {staff.note && <Descriptions.Item label={t('contracts.staff.note')} span={3}>{staff.note}</Descriptions.Item>}
          </Descriptions>
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={t('contracts.staff.placements')} size="small" extra={canManage && staff.status !== 'resigned' && <Button size="small" onClick={() => setDialog('placement')} data-testid="placement-open">{t('contracts.staff.addPlacement')}</Button>}>
              <Table<StaffPlacement>
                rowKey="id" size="small" pagination={false} dataSource={placements} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }} data-testid="placements-table"
                columns={[
                  { title: t('contracts.contract.customer'), key: 'customer', render: (_, p) => p.customer.name },
                  { title: t('contracts.staff.placementContract'), key: 'contract', render: (_, p) => (p.contract ? <Link to={`/contracts?q=${encodeURIComponent(p.contract.number)}`}>{p.contract.number}</Link> : none) },
                  { title: t('contracts.staff.placementStart'), dataIndex: 'startDate', width: 110 },
                  { title: t('contracts.staff.placementEnd'), dataIndex: 'endDate', width: 110, render: (d: string | null) => d ?? <Tag color="green">{t('contracts.staff.ongoing')}</Tag> },
                  ...(canManage ? [{ key: 'a', width: 70, render: (_: unknown, p: StaffPlacement) => !p.endDate && <Button type="link" size="small" onClick={() => askEnd(p)}>{t('contracts.staff.endPlacement')}</Button> }] : []),
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('contracts.staff.movements')} size="small">
              <Table<StaffMovement>
                rowKey="id" size="small" pagination={false} dataSource={movements} data-testid="movements-table"
                columns={[
                  { title: t('contracts.staff.date'), dataIndex: 'onDate', width: 110 },
                  { title: t('contracts.staff.movementKind'), key: 'kind', render: (_, m) => <StaffStatusTag status={m.kind} /> },
                  { title: t('contracts.staff.fromStatus'), key: 'from', render: (_, m) => (m.fromStatus ? t(`contracts.staffStatus.${m.fromStatus}`) : none) },
                  { title: t('contracts.staff.by'), key: 'by', render: (_, m) => <Tooltip title={formatDateTime(m.createdAt)}>{m.by?.name ?? none}</Tooltip> },
                ]}
              />
            </Card>
          </Col>
        </Row>
        <Card title={t('contracts.staff.deductions')} size="small" extra={canManage && <Button size="small" onClick={() => setDialog('deduction')} data-testid="deduction-open">{t('contracts.staff.addDeduction')}</Button>}>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <Typography.Text strong>{t('contracts.staff.monthlyTotals')}</Typography.Text>
              <Table
                rowKey="month" size="small" pagination={false} dataSource={monthlyTotals} data-testid="monthly-totals"
                columns={[
                  { title: t('contracts.staff.month'), dataIndex: 'month' },
                  { title: t('contracts.staff.count'), dataIndex: 'count', align: 'right' },
                  { title: t('contracts.staff.points'), dataIndex: 'points', align: 'right' },
                  { title: t('contracts.staff.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => yuan(f) },
                ]}
              />
            </Col>
            <Col xs={24} lg={16}>
              <Table<StaffDeduction>
                rowKey="id" size="small" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={deductions}
                columns={[
                  { title: t('contracts.staff.month'), dataIndex: 'month', width: 90 },
                  { title: t('contracts.staff.points'), dataIndex: 'points', width: 70, align: 'right' },
                  { title: t('contracts.staff.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: (f: number) => yuan(f) },
                  { title: t('contracts.staff.reason'), dataIndex: 'reason' },
                  { title: t('contracts.staff.ticketId'), dataIndex: 'ticketId', width: 110, render: (id: number | null) => (id ? <Link to={`/tickets/${id}`}>#{id}</Link> : none) },
                  { title: t('contracts.staff.by'), key: 'by', width: 90, render: (_, d) => d.by?.name ?? none },
                ]}
              />
            </Col>
          </Row>
        </Card>
      </Flex>
      <StaffFormModal open={dialog === 'edit'} staff={staff} onClose={close} />
      <MovementModal open={dialog === 'movement'} staff={staff} onClose={close} />
      <PlacementModal open={dialog === 'placement'} staff={staff} onClose={close} />
      <DeductionModal open={dialog === 'deduction'} staff={staff} onClose={close} />
    </>
  );
}
