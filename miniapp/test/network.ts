import Taro from '@tarojs/taro';

/** One request as the app handed it to Taro.request. */
export interface SentRequest {
  url: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
}

export type Reply = { status: number; body?: unknown } | 'network-down';
type Handler = (req: SentRequest) => Reply | Promise<Reply>;

/**
 * Replaces the network at the Taro.request boundary: every request the app makes goes to
 * `handler` and is recorded. Restored by jest's restoreMocks.
 */
export function stubNetwork(handler: Handler) {
  const sent: SentRequest[] = [];
  const spy = jest.spyOn(Taro, 'request').mockImplementation(((options: Taro.request.Option) => {
    const req: SentRequest = {
      url: options.url,
      method: options.method ?? 'GET',
      data: options.data,
      header: (options.header ?? {}) as Record<string, string>,
    };
    sent.push(req);
    return Promise.resolve(handler(req)).then((reply) => {
      if (reply === 'network-down') throw Object.assign(new Error('Failed to fetch'), { errMsg: 'request:fail' });
      return { statusCode: reply.status, data: reply.body ?? null, header: {}, errMsg: 'request:ok' };
    });
  }) as unknown as typeof Taro.request);
  return { sent, spy };
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
