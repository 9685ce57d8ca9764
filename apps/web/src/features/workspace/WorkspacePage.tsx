import { Col, Flex, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth/AuthContext';
import { PageHeader } from '../../ui/PageHeader';
import { CallerPanel } from './CallerPanel';
import { MyQueues } from './MyQueues';
import { QuickTicketForm } from './QuickTicketForm';
import { usePhoneLookup } from './usePhoneLookup';

export function WorkspacePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { lookup, lookupPhone, selectCustomer, reset } = usePhoneLookup();
  return (
    <>
      <PageHeader
        title={t('workspace.title')}
        subtitle={me.employeeNo ? t('workspace.greetingWithNo', { name: me.displayName, no: me.employeeNo }) : t('workspace.greeting', { name: me.displayName })}
      />
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <QuickTicketForm lookup={lookup} onLookup={lookupPhone} onReset={reset} />
          </Col>
          <Col xs={24} xl={10}>
            <CallerPanel lookup={lookup} onSelect={selectCustomer} />
          </Col>
        </Row>
        <MyQueues />
      </Flex>
    </>
  );
}
