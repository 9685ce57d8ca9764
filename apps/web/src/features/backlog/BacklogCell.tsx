import { BUCKET_COLORS, type Bucket } from './buckets';

export function BacklogCell({ value, bucket, max, onClick }: { value: number; bucket: Bucket; max: number; onClick: () => void }) {
  if (value === 0) return <span className="kefu-backlog-cell kefu-backlog-cell-empty">0</span>;
  const [r, g, b] = BUCKET_COLORS[bucket];
  const strength = 0.12 + 0.5 * (value / max);
  return (
    <span
      className="kefu-backlog-cell"
      role="button"
      tabIndex={0}
      onClick={onClick}
      onKeyDown={(e) => e.key === 'Enter' && onClick()}
      style={{ background: `rgba(${r}, ${g}, ${b}, ${strength})`, color: strength > 0.45 ? '#fff' : `rgb(${r}, ${g}, ${b})`, fontWeight: 600 }}
      data-testid="backlog-cell"
    >
      {value}
    </span>
  );
}
