import dayjs from 'dayjs';

export const BUCKETS = ['lt4h', 'lt24h', 'lt72h', 'gte72h'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Age bucket → created-at window for the ticket list (age counted from creation). */
export function bucketRange(bucket: Bucket): { createdFrom?: string; createdTo?: string } {
  const now = dayjs();
  const hoursAgo = (h: number) => now.subtract(h, 'hour').toISOString();
  switch (bucket) {
    case 'lt4h':
      return { createdFrom: hoursAgo(4) };
    case 'lt24h':
      return { createdFrom: hoursAgo(24), createdTo: hoursAgo(4) };
    case 'lt72h':
      return { createdFrom: hoursAgo(72), createdTo: hoursAgo(24) };
    case 'gte72h':
      return { createdTo: hoursAgo(72) };
  }
}

/** Older buckets are warmer colours; the count sets the strength. */
export const BUCKET_COLORS: Record<Bucket, [number, number, number]> = {
  lt4h: [31, 157, 85],
  lt24h: [33, 86, 217],
  lt72h: [217, 119, 6],
  gte72h: [217, 45, 32],
};
