import { Card, Flex, Radio, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CustomerPanelCard, CustomerPanelEmpty } from '../customers/CustomerPanelCard';
import type { LookupState } from './usePhoneLookup';

interface CallerPanelProps {
  lookup: LookupState;
  onSelect: (customerId: number) => void;
}

/** Right-hand side of the workspace: the caller's record, or what we know so far. */
export function CallerPanel({ lookup, onSelect }: CallerPanelProps) {
  const { t } = useTranslation();
  const title = t('workspace.callerTitle');
  switch (lookup.status) {
    case 'idle':
      return <CustomerPanelEmpty title={title} description={t('workspace.callerIdle')} />;
    case 'searching':
      return (
        <Card title={title}>
          <Skeleton active paragraph={{ rows: 5 }} />
        </Card>
      );
    case 'unknown':
      return <CustomerPanelEmpty title={title} description={t('workspace.callerUnknown', { phone: lookup.phone })} />;
    case 'failed':
      return <CustomerPanelEmpty title={title} description={t('workspace.callerFailed')} />;
    case 'found':
      return (
        <Flex vertical gap={12}>
          {lookup.matches.length > 1 && (
            <Card size="small" title={t('workspace.multipleMatches', { count: lookup.matches.length })}>
              <Radio.Group value={lookup.customerId} onChange={(e) => onSelect(e.target.value as number)}>
                <Flex vertical gap={6}>
                  {lookup.matches.map((c) => (
                    <Radio key={c.id} value={c.id}>
                      <Typography.Text>{c.name}</Typography.Text>
                      <span className="kefu-muted"> · {c.phones.map((p) => p.number).join(' / ')}</span>
                    </Radio>
                  ))}
                </Flex>
              </Radio.Group>
            </Card>
          )}
          <CustomerPanelCard key={lookup.customerId} customerId={lookup.customerId} title={title} />
        </Flex>
      );
  }
}
