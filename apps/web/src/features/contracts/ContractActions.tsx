import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Contract } from '@kefu/shared';
import { REQUIRED, REQUIRED_TEXT } from '../../ui/zodRule';
import { archiveKeys, contractsApi, toFen } from './archiveApi';
import { useArchiveMutation } from './useArchiveMutation';

const suggestNumber = (n: string) => {
  const m = /^(.*)-R(\d+)$/.exec(n);
  return m ? `${m[1]}-R${Number(m[2]) + 1}` : `${n}-R1`;
};

/** Edit / activate / renew / terminate buttons of one contract row, each only where the status allows it. */
export function ContractActions({ contract, onEdit }: { contract: Contract; onEdit: (c: Contract) => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [dialog, setDialog] = useState<'renew' | 'terminate' | null>(null);
  const [renewForm] = Form.useForm<{ number?: string; period: [Dayjs, Dayjs]; amountYuan: number | null }>();
  const [terminateForm] = Form.useForm<{ reason: string }>();
  const close = () => setDialog(null);
  const activate = useArchiveMutation(archiveKeys.contracts, () => contractsApi.activate(contract.id, contract.version));
  const renew = useArchiveMutation(archiveKeys.contracts, (v: { number?: string; period: [Dayjs, Dayjs]; amountYuan: number | null }) =>
    contractsApi.renew(contract.id, {
      version: contract.version, number: v.number?.trim() || undefined, startDate: v.period[0].format('YYYY-MM-DD'), endDate: v.period[1].format('YYYY-MM-DD'),
      amountFen: v.amountYuan == null ? undefined : toFen(v.amountYuan),
    }), close);
  const terminate = useArchiveMutation(archiveKeys.contracts, (v: { reason: string }) => contractsApi.terminate(contract.id, contract.version, v.reason), close);
  const running = contract.status === 'active' || contract.status === 'expired';
  const nextStart = dayjs(contract.endDate).add(1, 'day');

  return (
    <Space size={0} wrap>
      {(running || contract.status === 'draft') && <Button type="link" size="small" onClick={() => onEdit(contract)}>{t('common.edit')}</Button>}
      {contract.status === 'draft' && (
        <Button type="link" size="small" onClick={() => modal.confirm({ title: t('contracts.contract.activateConfirm', { number: contract.number }), onOk: () => activate.mutateAsync(undefined) })}>
          {t('contracts.contract.actions.activate')}
        </Button>
      )}
      {running && <Button type="link" size="small" data-testid={`renew-${contract.id}`} onClick={() => setDialog('renew')}>{t('contracts.contract.actions.renew')}</Button>}
      {(running || contract.status === 'draft') && <Button type="link" size="small" danger onClick={() => setDialog('terminate')}>{t('contracts.contract.actions.terminate')}</Button>}
      <Modal open={dialog === 'renew'} title={t('contracts.contract.renewTitle', { number: contract.number })} onCancel={close} onOk={() => renewForm.submit()} confirmLoading={renew.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'renew-save' }}>
        <Typography.Paragraph type="secondary">{t('contracts.contract.renewHint')}</Typography.Paragraph>
        <Form form={renewForm} layout="vertical" preserve={false} onFinish={(v) => renew.mutate(v)}
          initialValues={{ period: [nextStart, nextStart.add(1, 'year').subtract(1, 'day')], amountYuan: contract.amountFen / 100 }}>
          <Form.Item name="number" label={t('contracts.contract.renewNumber')}>
            <Input placeholder={t('contracts.contract.renewNumberPlaceholder', { number: suggestNumber(contract.number) })} />
          </Form.Item>
          <Form.Item name="period" label={t('contracts.contract.period')} rules={[REQUIRED]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="amountYuan" label={t('contracts.contract.amount')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={dialog === 'terminate'} title={t('contracts.contract.terminateTitle', { number: contract.number })} onCancel={close} onOk={() => terminateForm.submit()} confirmLoading={terminate.isPending} okButtonProps={{ danger: true }} destroyOnHidden>
        <Form form={terminateForm} layout="vertical" preserve={false} onFinish={(v) => terminate.mutate(v)}>
          <Form.Item name="reason" label={t('contracts.contract.terminateReason')} rules={[REQUIRED_TEXT]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
