import { Button, Popconfirm, Space, Table, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LIMITS, type Attachment, type TicketDetail } from '@kefu/shared';
import { useAuth } from '../../../app/auth/AuthContext';
import { notifyError } from '../../../app/notify';
import { formatBytes, formatDateTime } from '../../../ui/format';
import { attachmentUrl, ticketsApi } from '../ticketsApi';
import { useTicketMutation } from './useTicketMutation';

export function AttachmentsTab({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const upload = useTicketMutation((file: File) => ticketsApi.upload(ticket.id, file), (a) => t('ticket.attachments.uploaded', { name: a.filename }));
  const remove = useTicketMutation((a: Attachment) => ticketsApi.deleteAttachment(a.id).then(() => a), (a) => t('ticket.attachments.deleted', { name: a.filename }));

  return (
    <>
      {can('tickets.update') && (
        <Upload
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            if (file.size > LIMITS.attachmentBytesMax) {
              notifyError(new Error(t('ticket.attachments.tooLarge', { limit: formatBytes(LIMITS.attachmentBytesMax) })));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutateAsync(file as File).then(
              (result) => onSuccess?.(result),
              (error: Error) => onError?.(error),
            );
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} style={{ marginBottom: 12 }} data-testid="attachment-upload">
            {t('ticket.attachments.upload')}
          </Button>
        </Upload>
      )}
      <Table<Attachment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={ticket.attachments}
        locale={{ emptyText: t('ticket.attachments.empty') }}
        columns={[
          {
            title: t('ticket.attachments.name'),
            dataIndex: 'filename',
            ellipsis: true,
            render: (name: string, r) => (
              <a href={attachmentUrl(r.id)} download={name}>
                <PaperClipOutlined /> {name}
              </a>
            ),
          },
          { title: t('ticket.attachments.size'), dataIndex: 'size', width: 100, render: (v: number) => formatBytes(v) },
          { title: t('ticket.attachments.by'), key: 'by', width: 120, render: (_, r) => r.uploadedBy?.name ?? '—' },
          { title: t('ticket.attachments.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            key: 'actions',
            width: 96,
            render: (_, r) => (
              <Space size={0}>
                <Button type="text" icon={<DownloadOutlined />} href={attachmentUrl(r.id)} aria-label={t('ticket.attachments.download')} />
                {can('tickets.delete_attachment') && (
                  <Popconfirm title={t('ticket.attachments.deleteConfirm', { name: r.filename })} onConfirm={() => remove.mutate(r)} okButtonProps={{ danger: true }}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('ticket.attachments.delete')} loading={remove.isPending && remove.variables?.id === r.id} />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
