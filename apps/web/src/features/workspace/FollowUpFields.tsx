import { Col, DatePicker, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@kefu/shared';
import { REQUIRED, REQUIRED_TEXT } from '../../ui/zodRule';

/**
 * 时间、地点、人物、联系电话 (the event itself is the description): required when the answer must wait. The contact
 * number may stay empty for an order started from a call record: the server takes the caller's number from the call.
 */
export function FollowUpFields({ contactPhoneOptional = false }: { contactPhoneOptional?: boolean }) {
  const { t } = useTranslation();
  return (
    <div style={{ background: '#f7f9fd', border: '1px solid #e4e9f4', borderRadius: 8, padding: '12px 14px 0', marginBottom: 16 }} data-testid="ws-followup-fields">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12, fontSize: 13 }}>
        {t('workspace.followUpHint')}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="eventTime" label={t('workspace.eventTime')} rules={[REQUIRED]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="eventPlace" label={t('workspace.eventPlace')} rules={[REQUIRED_TEXT, { max: LIMITS.addressMax }]}>
            <Input placeholder={t('workspace.eventPlacePlaceholder')} data-testid="ws-event-place" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="eventPerson" label={t('workspace.eventPerson')} rules={[REQUIRED_TEXT, { max: LIMITS.nameMax }]}>
            <Input placeholder={t('workspace.eventPersonPlaceholder')} data-testid="ws-event-person" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactPhone" label={t('workspace.contactPhone')} rules={contactPhoneOptional ? [{ max: LIMITS.phoneMax }] : [REQUIRED_TEXT, { max: LIMITS.phoneMax }]}>
            <Input placeholder={contactPhoneOptional ? t('callRecords.contactPhoneFromCall') : t('workspace.contactPhonePlaceholder')} data-testid="ws-contact-phone" />
          </Form.Item>
        </Col>
      </Row>
    </div>
  );
}
