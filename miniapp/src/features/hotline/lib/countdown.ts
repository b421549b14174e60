const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/** "剩余3天 04:05:06" / "剩余04:05:06" / "已超期1天 02:00:00" for a remaining time in ms. */
export function formatRemaining(remainingMs: number): string {
  const abs = Math.abs(remainingMs);
  const days = Math.floor(abs / DAY);
  const clock = `${pad(Math.floor((abs % DAY) / HOUR))}:${pad(Math.floor((abs % HOUR) / MINUTE))}:${pad(Math.floor((abs % MINUTE) / SECOND))}`;
  const span = days > 0 ? `${days}天 ${clock}` : clock;
  return remainingMs < 0 ? `已超期${span}` : `剩余${span}`;
}

/**
 * What is left now of a `remainingMs` the server measured at `measuredAt` (device ms).
 * Counting from the server's figure rather than from `dueAt` keeps a device with a wrong
 * clock from showing a wrong deadline.
 */
export function remainingNow(remainingMs: number, measuredAt: number, now: number): number {
  return remainingMs - Math.max(0, now - measuredAt);
}
