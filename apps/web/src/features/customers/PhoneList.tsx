import { Flex, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import type { Customer } from '@kefu/shared';
import type { RevealedPii } from './customersApi';

/** Masked numbers (138****1234) unless this user revealed them. */
import { ClickToCallButton } from '../calls/ClickToCallButton';

export function PhoneList({ phones, revealed }: { phones: Customer['phones']; revealed?: RevealedPii | null }) {
  if (phones.length === 0) return <span className="kefu-muted">—</span>;
  return (
    <Flex vertical gap={2}>
      {phones.map((phone) => {
        const full = revealed?.phones.find((p) => p.id === phone.id)?.number;
        return (
          <span key={phone.id} data-testid="customer-phone">
            <PhoneOutlined className="kefu-muted" style={{ marginInlineEnd: 6 }} />
            <Typography.Text copyable={full ? { text: full } : false} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {full ?? phone.number}
            </Typography.Text>
            {phone.label && <span className="kefu-muted"> · {phone.label}</span>}
            <ClickToCallButton target={{ customerPhoneId: phone.id }} />
          </span>
        );
      })}
    </Flex>
  );
}
