import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; secrets and personal data are redacted by path. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'zwgk-bff', ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', '*.accessToken', '*.refreshToken', '*.phone', '*.idNumber', '*.session_key'],
      censor: '[redacted]',
    },
  });
}
