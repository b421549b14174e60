const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long a consultation is still open, for the countdown beside its period: "还剩 8 天 21 小时",
 * "还剩 3 小时 20 分", "还剩 5 分钟"; null once `closesAt` has passed (the server's phase says
 * 已截止 then). Minute steps: a consultation runs for weeks, seconds would only flicker.
 */
export function closingCountdown(closesAt: string, now: number): string | null {
  const left = Date.parse(closesAt) - now;
  if (!Number.isFinite(left) || left <= 0) return null;
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.max(1, Math.floor((left % HOUR) / MINUTE));
  if (days > 0) return `还剩 ${days} 天 ${hours} 小时`;
  if (hours > 0) return `还剩 ${hours} 小时 ${minutes} 分`;
  return `还剩 ${minutes} 分钟`;
}
