import type { ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';

interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  /** Where the back arrow goes; no arrow when absent. */
  backTo?: string;
  tags?: ReactNode;
}

export function PageHeader({ title, subtitle, extra, backTo, tags }: PageHeaderProps) {
  const navigate = useNavigate();
  return (
    <div className="kefu-page-header">
      <Flex align="flex-start" gap={8} style={{ minWidth: 0 }}>
        {backTo && <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(backTo)} aria-label="back" />}
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={10} wrap>
            <Typography.Title level={3} className="kefu-page-title">
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle && <div className="kefu-muted" style={{ marginTop: 4 }}>{subtitle}</div>}
        </div>
      </Flex>
      {extra && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </div>
  );
}
