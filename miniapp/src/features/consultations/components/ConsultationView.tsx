import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ConsultationArticle, ConsultationDetail, ConsultationDetailResponse } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { PageHeader } from '@/components/PageHeader';
import { panelTexts } from '@/components/Panel';
import { Tag } from '@/components/Tag';
import { openPolicy } from '@/features/policy';
import { useInterval, type UseRemote } from '@/hooks';
import { formatDate } from '@/utils/format';
import { closingCountdown } from '../lib/countdown';
import { periodOf, phaseTone } from '../lib/labels';
import { consultationPages, openPage } from '../navigation';
import { RemoteGate } from '@/components/RemoteGate';
import './consultations.scss';

/**
 * A consultation: title, issuer, summary, the period with a countdown, the basis documents
 * (linked to our policy pages where we have them), the published comment count and the draft
 * article by article, each with its own count. Tapping an article opens its comments.
 */
export function ConsultationView({ remote }: { remote: UseRemote<ConsultationDetailResponse> }) {
  return (
    <RemoteGate
      testId='consultation'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='征集内容加载失败'
      notFound={{ title: '没有找到这次意见征集', description: '它可能已被撤下，或链接有误。可在“参与”页查看正在征求意见的草案。' }}
    >
      {(data) => <Detail data={data} />}
    </RemoteGate>
  );
}

function Detail({ data }: { data: ConsultationDetailResponse }) {
  const c = data.item;
  return (
    <View className='page cs-page' data-testid='consultation' data-state='ok' data-phase={c.phase}>
      <PageHeader title={c.title} subtitle={c.issuer} />
      {data.status === 'stale' ? (
        <View className='cs-notice' data-testid='consultation-stale'>
          <Text>{panelTexts.stale}</Text>
        </View>
      ) : null}
      <View className='cs-card'>
        <View className='cs-row__head'>
          <Tag tone={phaseTone(c.phase)}>{c.phaseLabel}</Tag>
          <Text className='cs-muted' data-testid='published-count'>
            已公开意见 {c.commentCount} 条
          </Text>
        </View>
        <Text className='cs-fact'>征求期：{periodOf(c)}</Text>
        <PhaseLine item={c} />
        <Text className='cs-text'>{c.summary}</Text>
      </View>

      <Actions item={c} />

      {c.basis.length ? (
        <View className='cs-card' data-testid='basis'>
          <View className='cs-card__title' role='heading' aria-level={2}>
            起草依据
          </View>
          {c.basis.map((doc) =>
            doc.policyId ? (
              <Text key={doc.title} className='cs-basis cs-basis--link' data-testid='basis-link' onClick={() => openPolicy(doc.policyId!)}>
                《{doc.title}》 ›
              </Text>
            ) : (
              <Text key={doc.title} className='cs-basis' data-testid='basis-doc'>
                《{doc.title}》
              </Text>
            ),
          )}
        </View>
      ) : null}

      <View className='cs-card' data-testid='draft'>
        <View className='cs-card__title' role='heading' aria-level={2}>
          草案全文
        </View>
        <Text className='cs-muted'>{c.canComment ? '点按某一条，查看对它的意见并发表您的意见。' : '点按某一条，查看对它已公开的意见。'}</Text>
        {c.preamble.map((line, i) => (
          <Text key={i} className='cs-preamble'>
            {line}
          </Text>
        ))}
        <Articles id={c.id} articles={c.articles} />
        <View className='cs-article cs-article--whole' data-testid='article-whole' onClick={() => openPage(consultationPages.article(c.id, 0))}>
          <Text className='cs-article__label'>对草案整体的意见</Text>
          <Text className='cs-article__count'>{c.wholeDraftCommentCount} 条已公开意见 ›</Text>
        </View>
      </View>
    </View>
  );
}

function PhaseLine({ item }: { item: ConsultationDetail }) {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 30_000, item.phase === 'open');
  if (item.phase === 'open') {
    const left = closingCountdown(item.closesAt, now);
    return (
      <Text className='cs-fact cs-fact--accent' data-testid='countdown'>
        {left ? `距截止${left.replace('还剩', '还有')}` : '即将截止'}
      </Text>
    );
  }
  if (item.phase === 'upcoming') return <Text className='cs-fact'>尚未开始征求意见，开始后即可发表意见。</Text>;
  if (item.phase === 'closed') return <Text className='cs-fact'>征求期已结束，正在整理和处理意见，采纳情况公布后可在此查看。</Text>;
  return <Text className='cs-fact'>意见采纳情况已于{formatDate(item.reportPublishedAt)}公布。</Text>;
}

function Actions({ item }: { item: ConsultationDetail }) {
  return (
    <View className='cs-actions'>
      {item.canComment ? (
        <AppButton testId='comment-whole' onClick={() => openPage(consultationPages.comment(item.id))}>
          对草案整体提意见
        </AppButton>
      ) : null}
      {item.phase === 'reported' ? (
        <AppButton testId='open-report' onClick={() => openPage(consultationPages.report(item.id))}>
          查看意见采纳情况
        </AppButton>
      ) : null}
      <AppButton variant='text' testId='open-mine' onClick={() => openPage(consultationPages.mine(item.id))}>
        我在本次征集中提交的意见
      </AppButton>
    </View>
  );
}

function Articles({ id, articles }: { id: string; articles: ConsultationArticle[] }) {
  return (
    <>
      {articles.map((a, i) => (
        <View key={a.no}>
          {a.chapter && a.chapter !== articles[i - 1]?.chapter ? (
            <View className='cs-chapter' role='heading' aria-level={3}>
              {a.chapter}
            </View>
          ) : null}
          <View className='cs-article' data-testid='article' data-no={a.no} onClick={() => openPage(consultationPages.article(id, a.no))}>
            <Text className='cs-article__text'>
              <Text className='cs-article__label'>{a.label} </Text>
              {a.text}
            </Text>
            <Text className='cs-article__count'>{a.commentCount} 条已公开意见 ›</Text>
          </View>
        </View>
      ))}
    </>
  );
}
