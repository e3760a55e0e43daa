// Display formatting for the pages: times in China Standard Time, scores with two decimals.

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const TIME_SECONDS = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** China Standard Time; `seconds` for the audit trail, where the order of quick actions matters. */
export function formatTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : (seconds ? TIME_SECONDS : TIME).format(d);
}

export const formatScore = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n.toFixed(2));
