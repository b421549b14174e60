import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import type { QaVote } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Tag } from '@/components/Tag';
import { copyShareLink, shareMode, showToast, switchToTab } from '@/services';
import { useRemote } from '@/hooks';
import { formatDate } from '@/utils/format';
import { fetchQa } from '../api';
import { useQaFeedback } from '../hooks/useQaFeedback';
import { openInterpretation, openQa, policyPaths } from '../navigation';
import { rememberViewed } from '../lib/recent';
import { DetailFrame, LinkRow, Paragraphs, PolicyLink, Section, ValidityBanner } from './common';

/** 政策问答: the answer, the policy it rests on (with the validity banner), its interpretation, feedback and sharing. */
export function QaView({ id, onLoaded }: { id: string; onLoaded?: (qa: { id: string; question: string }) => void }) {
  const res = useRemote(() => fetchQa(id), [id]);
  const loaded = res.state.status === 'ok' ? res.state.data.item : null;
  useEffect(() => {
    if (!loaded) return;
    rememberViewed({ kind: 'qa', id: loaded.id, title: loaded.question });
    onLoaded?.(loaded);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);

  return (
    <DetailFrame testId='qa-detail' state={res.state} reload={res.reload} notFoundText='没有找到这条问答'>
      {({ item }) => (
        <>
          <View className='pol-head'>
            <View className='qa-q'>
              <Text className='qa-q__mark'>问</Text>
              <Text className='pol-head__title' data-testid='qa-question'>
                {item.question}
              </Text>
            </View>
            <View className='pol-head__tags'>
              {item.topics.map((t) => (
                <Tag key={t}>{t}</Tag>
              ))}
              <Text className='pol-head__date'>{formatDate(item.updatedAt)}更新</Text>
            </View>
          </View>
          {item.policy ? <ValidityBanner policy={item.policy} subject='qa' /> : null}
          <View className='pol-section qa-answer' data-testid='qa-answer'>
            <Text className='qa-q__mark qa-q__mark--answer'>答</Text>
            <Paragraphs items={item.answer} />
          </View>
          {item.policy ? <PolicyLink policy={item.policy} /> : null}
          {item.interpretation ? (
            <Section title='政策解读' testId='qa-interpretation-section'>
              <LinkRow testId='qa-interpretation' text={item.interpretation.title} onTap={() => openInterpretation(item.interpretation!.id)} />
            </Section>
          ) : null}
          <FeedbackBar qaId={item.id} />
          <ShareBar qaId={item.id} />
          {item.related.length ? (
            <Section title='相关问答' testId='qa-related'>
              {item.related.map((q) => (
                <LinkRow key={q.id} testId='qa-related-item' text={q.question} onTap={() => openQa(q.id)} />
              ))}
            </Section>
          ) : null}
        </>
      )}
    </DetailFrame>
  );
}

const voteTexts: Record<QaVote, string> = { helpful: '有帮助', unhelpful: '没帮助' };

/** "这个回答有帮助吗": one vote per citizen, changeable; logged-in only. */
export function FeedbackBar({ qaId }: { qaId: string }) {
  const fb = useQaFeedback(qaId);
  const mine = fb.feedback?.mine ?? null;
  const press = async (v: QaVote) => {
    if (!(await fb.vote(v))) showToast('请先登录后再评价');
  };
  return (
    <View className='feedback' data-testid='qa-feedback'>
      <Text className='feedback__title'>这个回答有帮助吗？</Text>
      <View className='feedback__buttons'>
        {(['helpful', 'unhelpful'] as const).map((v) => (
          <View
            key={v}
            className={`feedback__btn ${mine === v ? 'feedback__btn--on' : ''} ${!fb.loggedIn || fb.busy ? 'feedback__btn--off' : ''}`}
            data-testid={`qa-vote-${v}`}
            data-selected={mine === v ? 'true' : 'false'}
            onClick={() => void press(v)}
          >
            <Text>
              {voteTexts[v]}
              {fb.feedback ? ` ${v === 'helpful' ? fb.feedback.helpful : fb.feedback.unhelpful}` : ''}
            </Text>
          </View>
        ))}
      </View>
      {!fb.loggedIn ? (
        <View className='feedback__hint' data-testid='qa-feedback-login' onClick={() => switchToTab('/pages/mine/index')}>
          <Text>登录后可以评价 · 去登录 ›</Text>
        </View>
      ) : mine ? (
        <Text className='feedback__hint'>感谢反馈，可以随时改选</Text>
      ) : null}
      {fb.error ? <Text className='feedback__error'>{fb.error}</Text> : null}
    </View>
  );
}

/** 转发 in WeChat (the page's share menu, via the button's share ability); 复制链接 in H5. */
function ShareBar({ qaId }: { qaId: string }) {
  if (shareMode() === 'wechat') {
    return (
      <AppButton variant='secondary' openType='share' testId='qa-share' className='share-btn'>
        转发给朋友
      </AppButton>
    );
  }
  const copy = async () => showToast((await copyShareLink(policyPaths.qa(qaId))) ? '链接已复制' : '复制失败，请稍后再试');
  return (
    <AppButton variant='secondary' testId='qa-share' className='share-btn' onClick={() => void copy()}>
      复制链接分享
    </AppButton>
  );
}
