import { Avatar, Button, Checkbox, Empty, Flex, Form, Input, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LIMITS, type TicketDetail } from '@kefu/shared';
import { useAuth } from '../../../app/auth/AuthContext';
import { REQUIRED_TEXT } from '../../../ui/zodRule';
import { RelativeTime } from '../../../ui/RelativeTime';
import { MacroPicker } from '../../macros/MacroPicker';
import { ticketsApi } from '../ticketsApi';
import { useTicketMutation } from './useTicketMutation';

export function NotesTab({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [form] = Form.useForm<{ body: string; internal: boolean }>();
  const addNote = useTicketMutation(({ body, internal }: { body: string; internal: boolean }) => ticketsApi.addNote(ticket.id, body, internal), t('ticket.notes.added'));

  return (
    <Flex vertical gap={16}>
      {can('tickets.update') && (
        <Form
          form={form}
          initialValues={{ internal: true }}
          onFinish={async (values) => {
            try {
              await addNote.mutateAsync(values);
              form.resetFields();
            } catch {
              // Reported by the mutation cache.
            }
          }}
        >
          <Form.Item name="body" rules={[REQUIRED_TEXT, { max: LIMITS.noteMax }]} style={{ marginBottom: 8 }}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder={t('ticket.notes.placeholder')} data-testid="note-body" />
          </Form.Item>
          <Flex justify="space-between" align="center">
            <Flex gap={12} align="center">
              <Form.Item name="internal" valuePropName="checked" noStyle>
                <Checkbox>{t('ticket.notes.internal')}</Checkbox>
              </Form.Item>
              <MacroPicker onInsert={(text) => form.setFieldValue('body', [form.getFieldValue('body'), text].filter(Boolean).join('\n'))} />
            </Flex>
            <Button type="primary" htmlType="submit" loading={addNote.isPending} data-testid="note-submit">
              {t('ticket.notes.add')}
            </Button>
          </Flex>
        </Form>
      )}
      {ticket.notes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticket.notes.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {[...ticket.notes].reverse().map((note) => (
            <Flex key={note.id} gap={12} align="flex-start" style={{ padding: 12, borderRadius: 8, background: note.internal ? '#fffbeb' : '#f7f9fd' }}>
              <Avatar size={32} icon={<UserOutlined />} />
              <div style={{ flex: 1, minWidth: 0 }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{note.author?.name ?? t('common.system')}</Typography.Text>
                  {note.internal && <Tag color="gold">{t('ticket.notes.internalTag')}</Tag>}
                  <span className="kefu-muted" style={{ fontSize: 12 }}>
                    <RelativeTime value={note.createdAt} />
                  </span>
                </Flex>
                <div style={{ whiteSpace: 'pre-wrap', marginTop: 4, wordBreak: 'break-word' }}>{note.body}</div>
              </div>
            </Flex>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
