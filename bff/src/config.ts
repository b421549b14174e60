import { z } from 'zod';
import { StaffRole } from '@zwgk/contracts';
import { hotlineConfig } from './features/hotline/config';
import { notificationsConfig } from './features/notifications/config';
import { consultationsConfig } from './features/consultations/config';
import { meetingsConfig } from './features/meetings/config';

const port = (def: number) => z.coerce.number().int().min(0).max(65535).default(def);
const optionalUrl = z
  .string()
  .url()
  .optional()
  .or(z.literal('').transform(() => undefined));
const csv = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** Environment variables the BFF reads, each with its default. Documented in README.md. */
/** The case simulator's default signing secret; refused in production. */
export const DEV_CASE_CALLBACK_SECRET = 'dev-case-callback-secret';
/** The WeChat simulator's credentials; refused outside development and test. */
export const SIM_WECHAT_APPID = 'wx-sim-appid';
export const SIM_WECHAT_SECRET = 'wx-sim-secret';
/** Development-only fallbacks, so the product starts with no configuration at all. */
export const DEV_JWT_SECRET = 'zwgk-development-jwt-secret-do-not-use-in-production';
export const DEV_DATA_KEY = '5a7767b2d4c1e8f09a3b6c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f';

/** Whether the environment explicitly allows the public development secrets. */
export function isDevelopment(cfg: { NODE_ENV: string }): boolean {
  return cfg.NODE_ENV === 'development' || cfg.NODE_ENV === 'test';
}

export const ConfigSchema = z.object({
  /**
   * `development` and `test` (set by `npm start` and the tests) allow the public development
   * secrets and the simulator's credentials; any other value, or none, is treated as production.
   */
  NODE_ENV: z.string().default(''),
  BFF_HOST: z.string().default('127.0.0.1'),
  BFF_PORT: port(3100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGO_URI: optionalUrl,
  REDIS_URL: optionalUrl,
  REDIS_KEY_PREFIX: z.string().default('zwgk:'),
  PORTAL_BASE_URL: optionalUrl,
  CASE_SYSTEM_BASE_URL: optionalUrl,
  WECHAT_API_BASE_URL: optionalUrl,
  WECHAT_APPID: z.string().default(SIM_WECHAT_APPID),
  WECHAT_SECRET: z.string().default(SIM_WECHAT_SECRET),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** At most 15 minutes: a logged-out or revoked session's access token lives at most this long where revocations cannot be read. */
  ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(10).max(900, 'must be at most 900 (15 minutes)').default(900),
  /** Open sessions (logged-in devices) one person may have; logging in beyond it ends the oldest. */
  SESSIONS_PER_USER_MAX: z.coerce.number().int().min(1).max(100).default(10),
  REFRESH_TOKEN_TTL_S: z.coerce.number().int().min(60).max(90 * 86400).default(30 * 86400),
  /** Openids granted every staff role (kept from before roles existed). */
  STAFF_OPENIDS: csv,
  /** `openid:role+role,…`, e.g. `o-abc:hotline,o-def:moderator+events`; roles: moderator, hotline, events, admin. */
  STAFF_ROLES: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const map = new Map<string, StaffRole[]>();
      for (const entry of s.split(',').map((x) => x.trim()).filter(Boolean)) {
        const m = /^([^:\s]+):([a-z+]+)$/.exec(entry);
        const roles = m ? m[2].split('+') : [];
        const bad = roles.filter((r) => !(StaffRole.options as readonly string[]).includes(r));
        if (!m || bad.length || !roles.length) {
          ctx.addIssue({ code: 'custom', message: `"${entry}" must be openid:role+role with roles from ${StaffRole.options.join(', ')}` });
          return z.NEVER;
        }
        map.set(m[1], [...new Set([...(map.get(m[1]) ?? []), ...(roles as StaffRole[])])]);
      }
      return map;
    }),
  DATA_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  /** Earlier DATA_ENCRYPTION_KEYs, comma-separated: what they sealed still opens after a rotation; new data uses the current key. */
  DATA_ENCRYPTION_OLD_KEYS: csv.pipe(z.array(z.string().regex(/^[0-9a-fA-F]{64}$/, 'each must be 64 hex characters (32 bytes)'))),
  CASE_CALLBACK_SECRET: z.string().min(8).default(DEV_CASE_CALLBACK_SECRET),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(50).max(60000).default(2500),
  UPSTREAM_BREAKER_RESET_MS: z.coerce.number().int().min(100).max(600000).default(10000),
  HOME_BUDGET_MS: z.coerce.number().int().min(50).max(30000).default(1200),
  HOME_MEMO_MS: z.coerce.number().int().min(0).max(60000).default(1000),
  CACHE_FRESH_S: z.coerce.number().int().min(1).default(60),
  CACHE_STALE_S: z.coerce.number().int().min(1).default(7 * 86400),
  RATE_LIMIT_WRITES_PER_MIN: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_IP_WRITES_PER_MIN: z.coerce.number().int().min(1).default(120),
  /** Reads (GET /api/…) per client address per minute, counted per instance; microcached answers are not counted. */
  RATE_LIMIT_IP_READS_PER_MIN: z.coerce.number().int().min(1).default(1200),
  ACCESS_LOG: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  MICROCACHE_MS: z.coerce.number().int().min(0).max(10000).default(1000),
  /** How long the Q&A list's popularity figures (views, helpful votes) are reused. */
  QA_POPULARITY_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  QA_INDEX_REFRESH_S: z.coerce.number().min(0.1).max(3600).default(20),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * With TRUST_PROXY: how many proxies in front of the BFF append to X-Forwarded-For. The
   * client's address is taken that many entries from the right, so entries a client writes
   * itself (further left) cannot change it.
   */
  /** Serve the OpenAPI document at /api/docs. Default: on in development and test, off otherwise (it maps every route for an attacker). */
  API_DOCS: z.enum(['true', 'false', '1', '0']).optional().transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  ...hotlineConfig,
  ...notificationsConfig,
  ...consultationsConfig,
  ...meetingsConfig,
});

export type Config = z.infer<typeof ConfigSchema>;

/** Thrown when the environment holds a bad value; the message names every bad variable. */
export class ConfigError extends Error {}

/**
 * Parses the environment once. Fails closed: unless NODE_ENV is explicitly `development` or
 * `test`, every secret must be given and none may be a public development value or the
 * simulator's credentials (a deployment that forgets NODE_ENV must not sign tokens with a
 * key anyone can read in this repository).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (!isDevelopment(cfg)) {
    const why = cfg.NODE_ENV ? `NODE_ENV is "${cfg.NODE_ENV}"` : 'NODE_ENV is not set';
    const problems = (['JWT_SECRET', 'DATA_ENCRYPTION_KEY', 'MONGO_URI', 'REDIS_URL', 'HOTLINE_PUBLIC_BASE_URL'] as const)
      .filter((k) => !cfg[k])
      .map((k) => `  ${k}: required in production (${why}; only development and test run without it)`);
    const publicValues: Array<[keyof Config, unknown, string]> = [
      ['JWT_SECRET', DEV_JWT_SECRET, 'the development key is public'],
      ['DATA_ENCRYPTION_KEY', DEV_DATA_KEY, 'the development key is public'],
      ['CASE_CALLBACK_SECRET', DEV_CASE_CALLBACK_SECRET, 'the development default is public'],
      ['WECHAT_APPID', SIM_WECHAT_APPID, "the simulator's credentials"],
      ['WECHAT_SECRET', SIM_WECHAT_SECRET, "the simulator's credentials"],
    ];
    for (const [k, dev, what] of publicValues) {
      if (String(cfg[k] ?? '').toLowerCase() === String(dev).toLowerCase()) problems.push(`  ${k}: required in production (${what})`);
    }
    if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return cfg;
}
