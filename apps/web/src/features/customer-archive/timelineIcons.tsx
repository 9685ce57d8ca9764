import type { ReactNode } from 'react';
import {
  CustomerServiceOutlined, FileProtectOutlined, FileTextOutlined, MessageOutlined, PhoneOutlined, RiseOutlined, ShoppingCartOutlined, SmileOutlined, WarningOutlined,
} from '@ant-design/icons';
import type { TimelineKind } from '@kefu/shared';

/** One icon and colour per kind, the same in the filter and on the timeline. */
export const KIND_LOOK: Record<TimelineKind, { icon: ReactNode; color: string }> = {
  ticket: { icon: <FileTextOutlined />, color: '#1677ff' },
  complaint: { icon: <WarningOutlined />, color: '#f5222d' },
  call: { icon: <PhoneOutlined />, color: '#13c2c2' },
  follow_up: { icon: <RiseOutlined />, color: '#722ed1' },
  purchase: { icon: <ShoppingCartOutlined />, color: '#fa8c16' },
  contract: { icon: <FileProtectOutlined />, color: '#2f54eb' },
  callback: { icon: <CustomerServiceOutlined />, color: '#52c41a' },
  survey: { icon: <SmileOutlined />, color: '#eb2f96' },
  contact: { icon: <MessageOutlined />, color: '#595959' },
};
