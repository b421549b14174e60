import { SubscribeFlow } from '@zwgk/contracts';
import { askSubscribe } from '@/services';

/**
 * Asks for consent to the application's result message, synchronously in the 提交申请 tap (WeChat
 * shows its dialog only from a tap). The result is sent under the BFF's `meeting` flow when the
 * contracts name one; until then nothing is asked (the result still reaches 我的消息).
 */
export function askResultConsent(): void {
  const flow = SubscribeFlow.options.find((f) => (f as string) === 'meeting');
  if (flow) void askSubscribe(flow);
}
