import pino, { type Logger } from 'pino';

export type { Logger };

const accessLoggers = new WeakMap<Logger, Logger>();

/**
 * The access-log twin of `logger`: same destination and level, no redaction pass. Access
 * lines carry only fixed, non-personal fields, and the redaction pass over every line was
 * the single largest cost of a cached request.
 */
export function accessLoggerOf(logger: Logger): Logger {
  return accessLoggers.get(logger) ?? logger;
}

/**
 * Structured JSON logs on stdout (pino's epoch-millisecond `time`: cheaper per line than ISO strings); secrets and personal data are redacted by path. Lines are
 * buffered (flushed every 4 KB, every second and at exit) rather than written one syscall
 * each: with an access line per request, per-line writes cost more than the request itself.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  const destination = level === 'silent' ? undefined : pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const logger = pino(
    {
      level,
      base: { service: 'zwgk-bff', ...base },
      redact: {
        paths: ['req.headers.authorization', '*.accessToken', '*.refreshToken', '*.phone', '*.idNumber', '*.session_key'],
        censor: '[redacted]',
      },
    },
    destination,
  );
  accessLoggers.set(
    logger,
    pino({ level, base: { service: 'zwgk-bff', ...base } }, destination),
  );
  if (destination) {
    const timer = setInterval(() => logger.flush(), 1000);
    timer.unref();
    process.once('exit', () => {
      try {
        destination.flushSync();
      } catch {
        /* nothing more can be done at exit */
      }
    });
  }
  return logger;
}
