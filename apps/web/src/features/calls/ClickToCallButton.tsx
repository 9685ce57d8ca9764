import { Button, Tooltip } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OriginateRequestBody, OriginateResponse } from '@kefu/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth/AuthContext';
import { notifyError, notifySuccess } from '../../app/notify';

/**
 * Click-to-call: the PBX rings the agent's own phone, then dials the number. The server resolves the number (a work
 * order's contact, a customer's phone), so the full number never needs to be revealed in the browser to call it.
 */
export function ClickToCallButton({ target, size = 'small' }: { target: OriginateRequestBody; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const dial = useMutation({
    mutationFn: () => api.post<OriginateResponse>('/calls/originate', target),
    onSuccess: (r) => notifySuccess(t('callsDial.calling', { extension: r.extension, number: r.number })),
    onError: (e: Error) => notifyError(e),
  });
  if (!can('tickets.update') && !can('calls.read_own')) return null;
  return (
    <Tooltip title={t('callsDial.call')}>
      <Button size={size} type="link" icon={<PhoneOutlined />} loading={dial.isPending} onClick={() => dial.mutate()} aria-label={t('callsDial.call')} data-testid="click-to-call" style={{ paddingInline: 0 }} />
    </Tooltip>
  );
}
