import { Text, View } from '@tarojs/components';
import { REJECT_REASON_LABELS, type RejectReason, type StaffComment } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field, TextArea } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import { ListFooter } from '@/components/ListFooter';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import type { ModerationView, UseModerationDesk } from '../hooks/useModerationDesk';
import { ConsultationOverview } from './ConsultationOverview';
import { StaffPage } from './StaffPage';

// Taro's View types leave tabIndex out; the H5 element takes it as the tabindex attribute.
const scrollRegion = { tabIndex: 0 } as Record<string, unknown>;

const viewOptions: ReadonlyArray<{ value: ModerationView; label: string }> = [
  { value: 'queue', label: '待审核意见' },
  { value: 'consultations', label: '各次征集（处置与公布）' },
];
const reasonOptions = (Object.keys(REJECT_REASON_LABELS) as RejectReason[]).map((value) => ({ value, label: REJECT_REASON_LABELS[value] }));
export const NOTE_MAX = 500;

/** Where a comment is aimed: an article (第三条) or the draft as a whole. */
export function articleOf(c: Pick<StaffComment, 'articleLabel'>): string {
  return c.articleLabel ?? '对草案整体';
}

/**
 * 民意征集意见审核: the queue of pending comments (oldest first) beside the selected one, as on the
 * 12345 desk (list, then the comment in its place on a phone; side by side from 960 px), and
 * the consultations with their counts, the way to 意见处理 and the report.
 */
export function ModerationDesk({ desk }: { desk: UseModerationDesk }) {
  const { state } = desk.queue;
  const onQueue = desk.view === 'queue';
  return (
    <StaffPage
      testId='moderation'
      className={`desk moderation ${desk.selected && onQueue ? 'desk--detail' : 'desk--list'}`}
      state={state.status}
      error={state.status === 'error' ? state : null}
      title='民意征集意见审核'
      subtitle='意见经审核后才会公开；自动预审只作标记提示，不会删除意见'
    >
      <Field name='moderation-view' label='查看'>
        <Chips testId='moderation-view' options={viewOptions} value={desk.view} onChange={desk.setView} />
      </Field>
      {desk.actionState.message ? (
        <InlineMessage tone={desk.actionState.tone} testId='moderation-result'>
          {desk.actionState.message}
        </InlineMessage>
      ) : null}
      {onQueue ? (
        <View className='desk__body'>
          <View className='desk__list-col'>
            <QueueList desk={desk} />
          </View>
          <View className='desk__detail-col' role='region' aria-label='意见详情' {...scrollRegion}>
            {desk.selected ? (
              <CommentReview key={desk.selected.id} comment={desk.selected} desk={desk} />
            ) : (
              <View className='desk__placeholder' data-testid='moderation-placeholder'>
                <Text>在左侧列表中选择一条意见进行审核</Text>
              </View>
            )}
          </View>
        </View>
      ) : (
        <ConsultationOverview consultations={desk.consultations} />
      )}
    </StaffPage>
  );
}

function QueueList({ desk }: { desk: UseModerationDesk }) {
  const { queue } = desk;
  const { state } = queue;
  if (state.status === 'loading') return <Skeleton rows={4} />;
  if (state.status === 'error') {
    return <StatusView testId='moderation-error' glyph='!' tone='warn' title='审核队列加载失败' description={state.message} actionText='重试' onAction={queue.reload} />;
  }
  if (!state.items.length) {
    return <StatusView testId='moderation-empty' glyph='✓' title='没有待审核的意见' description='新提交的意见会出现在这里，最早提交的在前。' />;
  }
  return (
    <View className='desk-list' data-testid='moderation-list'>
      <Text className='desk-list__count' data-testid='moderation-count'>
        待审核 {state.total} 条，最早提交的在前{state.busy === 'refresh' ? '，正在刷新…' : ''}
      </Text>
      <View role='list'>
        {state.items.map((c) => (
          <View
            key={c.id}
            className={`desk-row ${desk.selected?.id === c.id ? 'desk-row--on' : ''}`}
            role='listitem'
            aria-current={desk.selected?.id === c.id ? 'true' : undefined}
            data-testid='moderation-row'
            data-id={c.id}
            onClick={() => desk.select(c.id)}
          >
            <View className='desk-row__tags'>
              <Tag tone='info'>{articleOf(c)}</Tag>
              {c.flags.map((f) => (
                <Tag key={f.flag} tone='accent'>
                  {f.label}
                </Tag>
              ))}
            </View>
            <Text className='moderation-row__consultation'>{desk.titleOf(c.consultationId)}</Text>
            <Text className='moderation-row__text'>{c.text}</Text>
            <View className='desk-row__meta'>
              <Text>{c.realNameMasked ?? '未署名'}</Text>
              <Text>{formatDateTime(c.createdAt)} 提交</Text>
            </View>
          </View>
        ))}
      </View>
      <ListFooter testId='moderation' list={queue} />
    </View>
  );
}

function CommentReview({ comment, desk }: { comment: StaffComment; desk: UseModerationDesk }) {
  const working = desk.actionState.busy;
  return (
    <View className='desk-detail' data-testid='moderation-detail'>
      <Text className='desk-link desk-detail__back' data-testid='moderation-back' onClick={() => desk.select(null)}>
        ‹ 返回列表
      </Text>
      <View className='desk-detail__body'>
        <View className='desk-detail__title' role='heading' aria-level={2}>
          {desk.titleOf(comment.consultationId)}
        </View>
        <View className='desk-row__tags'>
          <Tag tone='info'>{articleOf(comment)}</Tag>
          <Tag>{comment.stateLabel}</Tag>
        </View>
        {comment.flags.length ? (
          <View className='moderation-flags' data-testid='moderation-flags' role='note'>
            <Text className='moderation-flags__title'>自动预审提示：{comment.flags.map((f) => f.label).join('、')}</Text>
            <Text className='moderation-flags__note'>请核实后再决定；预审只作提示，不代表意见违规。</Text>
          </View>
        ) : null}
        <Text className='desk-detail__desc' data-testid='moderation-text' userSelect>
          {comment.text}
        </Text>
        <View className='desk-rows'>
          <View className='desk-rows__row'>
            <Text className='desk-rows__label'>署名</Text>
            <Text className='desk-rows__value'>{comment.realNameMasked ?? '未署名（公开时显示为“网友”）'}</Text>
          </View>
          <View className='desk-rows__row'>
            <Text className='desk-rows__label'>提交时间</Text>
            <Text className='desk-rows__value'>{formatDateTime(comment.createdAt)}</Text>
          </View>
        </View>

        <View className='desk-section'>
          <AppButton className='desk-detail__action' loading={working} onClick={() => void desk.approve()} testId='moderation-approve'>
            审核通过并公开
          </AppButton>
        </View>

        <View className='desk-section' data-testid='moderation-reject'>
          <View className='desk-section__title' role='heading' aria-level={3}>
            不予公开
          </View>
          <Field name='reject-reason' label='理由' required error={desk.rejectError}>
            <Chips testId='reject-reason' options={reasonOptions} value={desk.rejectReason} onChange={desk.setRejectReason} />
          </Field>
          <Field name='reject-note' label='备注（选填）' hint={`${desk.rejectNote.trim().length}/${NOTE_MAX} 字，会随理由一并告知提交人`}>
            <TextArea
              value={desk.rejectNote}
              maxlength={NOTE_MAX}
              placeholder='如：意见中含有他人手机号码，删除后可重新提交'
              onInput={(e) => desk.setRejectNote(e.detail.value)}
              testId='reject-note'
            />
          </Field>
          <AppButton variant='secondary' className='desk-detail__action' loading={working} onClick={() => void desk.reject()} testId='moderation-reject-submit'>
            不予公开
          </AppButton>
        </View>
      </View>
    </View>
  );
}
