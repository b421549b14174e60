import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { PolicyBrief, PolicyStatus } from '@zwgk/contracts';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import type { RemoteState } from '@/hooks';
import { switchToTab } from '@/services';
import { openPolicy } from '../navigation';
import { bookTitle, highlightPieces, policyTexts, statusLabels, type Range } from '../lib/text';
import './policy.scss';

/** 现行有效 in blue, anything no longer in force in red. */
export function ValidityTag({ status }: { status: PolicyStatus }) {
  return <Tag tone={status === 'in_force' ? 'info' : 'accent'}>{statusLabels[status]}</Tag>;
}

const bannerTitles: Record<Exclude<PolicyStatus, 'in_force'>, string> = {
  amended: '已修改',
  repealed: '已废止',
  expired: '已失效',
};

/**
 * The validity banner: shown when a policy (or the policy an interpretation or Q&A belongs to)
 * is no longer in force, with a link to the policy that replaced it.
 */
export function ValidityBanner({ policy, subject }: { policy: Pick<PolicyBrief, 'status' | 'supersededBy' | 'title'>; subject: 'policy' | 'interpretation' | 'qa' }) {
  if (policy.status === 'in_force') return null;
  const state = bannerTitles[policy.status];
  const lead =
    subject === 'policy'
      ? `本政策${state}`
      : `${subject === 'qa' ? '本问答' : '本解读'}依据的${bookTitle(policy.title)}${state}`;
  return (
    <View className='validity-banner' data-testid='validity-banner' data-status={policy.status}>
      <Text className='validity-banner__title'>{lead}，内容仅供参考，请以现行政策为准。</Text>
      {policy.supersededBy ? (
        <View className='validity-banner__link' data-testid='validity-banner-link' onClick={() => openPolicy(policy.supersededBy!.id)}>
          <Text>现行政策：{bookTitle(policy.supersededBy.title)} ›</Text>
        </View>
      ) : null}
    </View>
  );
}

/** Text with the matched words highlighted (ranges from the search contract). */
export function Highlighted({ text, ranges, className = '' }: { text: string; ranges: ReadonlyArray<Range>; className?: string }) {
  return (
    <Text className={className}>
      {highlightPieces(text, ranges).map((p, i) =>
        p.hit ? (
          <Text key={i} className='hl' data-testid='hl'>
            {p.text}
          </Text>
        ) : (
          <Text key={i}>{p.text}</Text>
        ),
      )}
    </Text>
  );
}

/** The quiet notice over content served from the BFF's cache while the portal is down. */
export function StaleNotice() {
  return (
    <View className='stale-notice' data-testid='stale-notice'>
      <Text>{policyTexts.stale}</Text>
    </View>
  );
}

/** A titled block of a detail page. */
export function Section({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <View className='pol-section' data-testid={testId}>
      <Text className='pol-section__title'>{title}</Text>
      <View className='pol-section__body'>{children}</View>
    </View>
  );
}

export function Paragraphs({ items }: { items: string[] }) {
  return (
    <>
      {items.map((p, i) => (
        <Text key={i} className='pol-para'>
          {p}
        </Text>
      ))}
    </>
  );
}

/** A tappable row leading to another page. */
export function LinkRow({ text, testId, onTap, tag }: { text: string; testId: string; onTap: () => void; tag?: ReactNode }) {
  return (
    <View className='link-row' data-testid={testId} onClick={onTap}>
      <Text className='link-row__text'>{text}</Text>
      {tag}
      <Text className='link-row__arrow'>›</Text>
    </View>
  );
}

/** A link card to the policy that content belongs to, with its validity. */
export function PolicyLink({ policy, testId = 'policy-link' }: { policy: PolicyBrief; testId?: string }) {
  return (
    <View className='policy-link' data-testid={testId} onClick={() => openPolicy(policy.id)}>
      <Text className='policy-link__label'>所属政策</Text>
      <Text className='policy-link__title'>{bookTitle(policy.title)}</Text>
      <View className='policy-link__meta'>
        <ValidityTag status={policy.status} />
        {policy.docNo ? <Text className='policy-link__doc'>{policy.docNo}</Text> : null}
        <Text className='link-row__arrow'>›</Text>
      </View>
    </View>
  );
}

interface DetailFrameProps<T> {
  testId: string;
  state: RemoteState<T & { status: 'ok' | 'stale' }>;
  notFoundText: string;
  reload: () => void;
  children: (data: T & { status: 'ok' | 'stale' }) => ReactNode;
}

/** Loading, error, 404 and stale states around a detail page's content. */
export function DetailFrame<T>({ testId, state, notFoundText, reload, children }: DetailFrameProps<T>) {
  if (state.status === 'loading') {
    return (
      <View className='page pol-page' data-testid={testId} data-state='loading'>
        <Skeleton rows={4} />
      </View>
    );
  }
  if (state.status === 'error') {
    const notFound = state.httpStatus === 404;
    return (
      <View className='page pol-page' data-testid={testId} data-state={notFound ? 'not-found' : 'error'}>
        {notFound ? (
          <StatusView
            testId={`${testId}-not-found`}
            glyph='?'
            title={notFoundText}
            description='内容可能已调整或撤下，可以到政策列表查看其他内容。'
            actionText='查看政策列表'
            onAction={() => switchToTab('/pages/policy/index')}
          />
        ) : (
          <StatusView testId={`${testId}-error`} glyph='!' tone='warn' title='内容加载失败' description={state.message} actionText='重试' onAction={reload} />
        )}
      </View>
    );
  }
  return (
    <View className='page pol-page' data-testid={testId} data-state={state.data.status === 'stale' ? 'stale' : 'ok'}>
      {state.data.status === 'stale' ? <StaleNotice /> : null}
      {children(state.data)}
    </View>
  );
}
