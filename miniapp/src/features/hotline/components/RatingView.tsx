import { Text, View } from '@tarojs/components';
import type { HotlineTicketDetail } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field, FieldError, TextArea, Toggle } from '@/components/Form';
import { LoginPrompt } from '@/components/LoginPrompt';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import type { UseRemote } from '@/hooks';
import type { UseRating } from '../hooks/useRating';
import { ratingOptions } from '../lib/labels';
import './hotline.scss';

/** Rating a 办结 ticket, once: the choice, a comment, and for 不满意 the offer to 申请重办. */
export function RatingView({ ticket, rating, onDone }: { ticket: UseRemote<HotlineTicketDetail>; rating: UseRating; onDone: (t: HotlineTicketDetail) => void }) {
  const { state } = ticket;
  if (state.status === 'loading') {
    return (
      <View className='page' data-testid='rate' data-state='loading'>
        <Skeleton rows={3} />
      </View>
    );
  }
  if (state.status === 'error' && state.httpStatus === 401) {
    return (
      <View className='page' data-testid='rate' data-state='signed-out'>
        <LoginPrompt testId='rate-login' title='登录后评价办理结果' description='只有提交诉求的本人可以评价。登录完成会回到评价页。' />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className='page' data-testid='rate' data-state='error'>
        <StatusView testId='rate-error' glyph='!' tone='warn' title='诉求加载失败' description={state.message} actionText='重试' onAction={ticket.reload} />
      </View>
    );
  }
  const t = state.data;
  if (!t.canRate) {
    const why = t.rating ? `您已评价过这件诉求（${t.rating.ratingLabel}）。` : '诉求办结后才能评价。';
    return (
      <View className='page' data-testid='rate' data-state='closed'>
        <StatusView testId='rate-unavailable' glyph='评' title='暂不能评价' description={why} />
      </View>
    );
  }
  const { input, setInput, fieldErrors } = rating;
  const submit = async () => {
    const updated = await rating.submit();
    if (updated) onDone(updated);
  };
  return (
    <View className='page' data-testid='rate' data-state='open'>
      <View className='hl-card hl-form'>
        <Text className='hl-card__title'>{t.title}</Text>
        <Text className='hl-ticket__meta'>承办部门 {t.department ?? '—'}，诉求编号 {t.trackingNo}</Text>
        <Field name='rating' label='您对办理结果满意吗' required error={fieldErrors.rating}>
          <Chips testId='rating' options={ratingOptions} value={input.rating} onChange={(value) => setInput({ rating: value })} />
        </Field>
        <Field name='comment' label='评价内容（选填）' error={fieldErrors.comment} hint={`${input.comment.trim().length}/500`}>
          <TextArea value={input.comment} maxlength={500} placeholder='说说办理中好的地方或不足' onInput={(e) => setInput({ comment: e.detail.value })} testId='input-comment' />
        </Field>
        {input.rating === 'unsatisfied' && t.canReopen ? (
          <Toggle name='reopen' label='申请重办' description='诉求将退回承办部门重新办理，办结后可再次评价' checked={input.reopen} onChange={(reopen) => setInput({ reopen })} error={fieldErrors.reopen} />
        ) : (
          <FieldError name='reopen' message={fieldErrors.reopen} />
        )}
        {rating.error ? (
          <View className='hl-error' data-testid='rate-submit-error'>
            <Text>{rating.error}</Text>
          </View>
        ) : null}
        <Text className='hl-form__note'>每次办结只能评价一次，提交后不能修改。</Text>
        <AppButton className='hl-form__submit' loading={rating.busy} onClick={() => void submit()} testId='submit-rating'>
          提交评价
        </AppButton>
      </View>
    </View>
  );
}
