import { Alert } from 'antd';
import type { Violation } from './rostersApi';

/** Every rule a request broke, each with its own reason. */
export function ViolationAlert({ title, violations }: { title: string; violations: Violation[] }) {
  if (!violations.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="rule-violations"
      title={title}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {violations.map((v) => (
            <li key={`${v.rule}-${v.message}`}>{v.message}</li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
