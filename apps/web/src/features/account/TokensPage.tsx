import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiTokenCreateSchema, type ApiToken, type ApiTokenCreate } from '@kefu/shared';
import { api, asList } from '../../app/api';
import { notifySuccess } from '../../app/notify';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { REQUIRED_TEXT, zodRule } from '../../ui/zodRule';

const KEY = ['tokens'] as const;
const EXPIRY_CHOICES = [30, 90, 365, 0];

export function TokensPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; expiresInDays: number }>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: KEY, queryFn: async () => asList(await api.get<ApiToken[] | { items: ApiToken[] }>('/auth/tokens')) });
  const create = useMutation({
    mutationFn: (input: ApiTokenCreate) => api.post<ApiToken & { token: string }>('/auth/tokens', input),
    onSuccess: (result) => {
      setCreating(false);
      setCreated(result.token);
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api.del(`/auth/tokens/${id}`),
    onSuccess: () => {
      notifySuccess(t('tokens.revoked'));
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={
          <span>
            {t('tokens.subtitle')} <a href="/api/docs" target="_blank" rel="noreferrer">{t('layout.apiDocs')}</a>
          </span>
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      <Card>
        <Table<ApiToken>
          rowKey="id"
          loading={tokens.isLoading}
          dataSource={tokens.data}
          pagination={false}
          locale={{ emptyText: t('tokens.empty') }}
          columns={[
            { title: t('tokens.name'), dataIndex: 'name' },
            { title: t('tokens.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
            { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.never')) },
            { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.neverUsed')) },
            {
              key: 'actions',
              width: 100,
              render: (_, r) => (
                <Popconfirm title={t('tokens.revokeConfirm')} onConfirm={() => revoke.mutate(r.id)}>
                  <Button type="link" danger icon={<DeleteOutlined />}>
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={creating} title={t('tokens.create')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ expiresInDays: 90 }}
          onFinish={(v) => create.mutate({ name: v.name, expiresInDays: v.expiresInDays || undefined })}
        >
          <Form.Item name="name" label={t('tokens.name')} rules={[REQUIRED_TEXT, zodRule(apiTokenCreateSchema.shape.name)]}>
            <Input placeholder={t('tokens.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('tokens.expiry')}>
            <Select options={EXPIRY_CHOICES.map((d) => ({ value: d, label: d ? t('tokens.days', { count: d }) : t('tokens.never') }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={created !== null} title={t('tokens.createdTitle')} onCancel={() => setCreated(null)} onOk={() => setCreated(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        <Alert type="warning" showIcon title={t('tokens.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }}>
          {created}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
