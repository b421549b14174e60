import { Text, View } from '@tarojs/components';
import type { MyComment } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { ListFooter } from '@/components/ListFooter';
import { LoginPrompt } from '@/components/LoginPrompt';
import { PageHeader } from '@/components/PageHeader';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import type { UseMyComments } from '../hooks/useMyComments';
import { stateTone, targetOf } from '../lib/labels';
import { consultationPages, openPage } from '../navigation';
import './consultations.scss';

/** 我的意见: each comment with its state, the reason when it was not published, and its disposition once the report is out. */
export function MyCommentsView({ list, onBrowse }: { list: UseMyComments; onBrowse: () => void }) {
  const { state } = list;
  if (state.status === 'loading') {
    return (
      <View className='page' data-testid='my-comments' data-state='loading'>
        <Skeleton rows={3} />
      </View>
    );
  }
  if (state.status === 'error' && state.httpStatus === 401) {
    return (
      <View className='page' data-testid='my-comments' data-state='signed-out'>
        <LoginPrompt testId='my-comments-login' title='登录后查看我的意见' description='您提交的意见和审核、采纳情况只对您本人显示。登录完成会回到本页。' />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className='page' data-testid='my-comments' data-state='error'>
        <StatusView testId='my-comments-error' glyph='!' tone='warn' title='我的意见加载失败' description={state.message} actionText='重试' onAction={list.reload} />
      </View>
    );
  }
  return (
    <View className='page cs-page' data-testid='my-comments' data-state={state.items.length ? 'ok' : 'empty'}>
      <PageHeader title='我的意见' subtitle={state.items.length ? `共 ${state.total} 条` : undefined} />
      {state.items.length ? (
        <>
          {state.items.map((c) => (
            <MyCommentRow key={c.id} comment={c} withdrawing={list.withdrawing === c.id} onWithdraw={() => void list.withdraw(c)} />
          ))}
          <ListFooter testId='my-comments' list={list} />
        </>
      ) : (
        <StatusView testId='my-comments-empty' glyph='议' title='还没有提交过意见' description='在“参与”页打开正在征求意见的草案，点按某一条即可发表意见。' actionText='去看看' onAction={onBrowse} />
      )}
    </View>
  );
}

function MyCommentRow({ comment: c, withdrawing, onWithdraw }: { comment: MyComment; withdrawing: boolean; onWithdraw: () => void }) {
  return (
    <View className='cs-card cs-mine' data-testid='my-comment' data-state={c.state} data-id={c.id}>
      <View className='cs-row__head'>
        <Text className='cs-muted'>{targetOf(c.articleLabel)}</Text>
        <Tag tone={stateTone(c.state)}>{c.stateLabel}</Tag>
      </View>
      <Text className='cs-row__title cs-link-text' onClick={() => openPage(consultationPages.detail(c.consultationId))}>
        {c.consultationTitle ?? '意见征集（标题暂时无法显示）'}
      </Text>
      <Text className='cs-text'>{c.text}</Text>
      <Text className='cs-muted'>
        {formatDateTime(c.createdAt)}提交{c.realNameMasked ? ` · 署名 ${c.realNameMasked}` : ''}
        {c.contactConsent ? ' · 同意联系' : ''}
      </Text>
      {c.state === 'pending' ? <Text className='cs-hint'>待审核：审核通过前只有您本人能看到这条意见。</Text> : null}
      {c.state === 'rejected' ? (
        <Text className='cs-hint cs-hint--warn' data-testid='reject-reason'>
          未予公开，理由：{c.rejectReasonLabel ?? '未说明'}
        </Text>
      ) : null}
      {c.reportPublished && c.disposition ? (
        <View className='cs-outcome' data-testid='disposition'>
          <Text className='cs-outcome__label'>处理结果：{c.dispositionLabel}</Text>
          {c.dispositionReason ? <Text className='cs-text'>理由：{c.dispositionReason}</Text> : null}
          <Text className='cs-link' onClick={() => openPage(consultationPages.report(c.consultationId))}>
            查看意见采纳情况 ›
          </Text>
        </View>
      ) : c.state === 'approved' ? (
        <Text className='cs-hint'>已公开。征求期结束后起草部门会给出处理结果，公布时通知您。</Text>
      ) : null}
      {c.canWithdraw ? (
        <AppButton variant='secondary' className='cs-mine__withdraw' loading={withdrawing} testId='withdraw-comment' onClick={onWithdraw}>
          撤回
        </AppButton>
      ) : null}
    </View>
  );
}
