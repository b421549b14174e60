import { Picker, Text, View } from '@tarojs/components';
import type { PolicyStatus, PolicySummary } from '@zwgk/contracts';
import { Panel } from '@/components/Panel';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDate } from '@/utils/format';
import type { UsePolicyHome } from '../hooks/usePolicyHome';
import { openInterpretation, openPolicy, openQa, openSearch } from '../navigation';
import type { RecentItem } from '../lib/recent';
import { statusLabels } from '../lib/text';
import { StaleNotice, ValidityTag } from './common';

const STATUSES: PolicyStatus[] = ['in_force', 'amended', 'repealed', 'expired'];
const kindLabels: Record<RecentItem['kind'], string> = { policy: '政策', interpretation: '解读', qa: '问答' };

/** The 政策 tab: search entry, topics, popular questions, recently viewed and the filtered policy list. */
export function PolicyHomeView({ home }: { home: UsePolicyHome }) {
  const { list, topics, popular, recent, toggleTopic } = home;
  const selectedTopic = list.filters.topic;
  return (
    <View className='page pol-page pol-home' data-testid='policy-home'>
      <View className='pol-home__search' data-testid='policy-search' onClick={() => openSearch()}>
        <Text className='search__icon'>⌕</Text>
        <Text className='pol-home__search-text'>搜索政策问答，如“低保怎么申请”</Text>
      </View>

      <View className='chips' data-testid='topics' data-state={topics.state.status}>
        {topics.state.status === 'ok'
          ? topics.state.data.items.map((t) => (
              <View
                key={t.name}
                className={`chip ${selectedTopic === t.name ? 'chip--on' : ''}`}
                data-testid='topic-chip'
                data-selected={selectedTopic === t.name ? 'true' : 'false'}
                onClick={() => toggleTopic(t.name)}
              >
                <Text>
                  {t.name} {t.qaCount}
                </Text>
              </View>
            ))
          : null}
        {topics.state.status === 'error' ? <Text className='chips__note'>主题暂时无法获取</Text> : null}
      </View>

      <Panel
        name='popular-qas'
        title={selectedTopic ? `${selectedTopic} · 热门问答` : '热门问答'}
        state={popular.state.status === 'loading' ? 'loading' : popular.state.status === 'error' ? 'unavailable' : popular.state.data.items.length === 0 ? 'empty' : popular.state.data.status === 'stale' ? 'stale' : 'ok'}
        emptyText='该主题暂无问答'
        moreText='搜索问答'
        onMore={() => openSearch()}
      >
        {popular.state.status === 'ok'
          ? popular.state.data.items.map((q, n) => (
              <View key={q.id} className='pop-row' data-testid='popular-qa' onClick={() => openQa(q.id)}>
                <Text className={`pop-row__no ${n < 3 ? 'pop-row__no--top' : ''}`}>{n + 1}</Text>
                <Text className='pop-row__q'>{q.question}</Text>
                {q.helpful > 0 ? <Text className='pop-row__meta'>{q.helpful}人觉得有帮助</Text> : null}
              </View>
            ))
          : null}
      </Panel>

      {recent.length ? (
        <View className='pol-card' data-testid='recent'>
          <Text className='pol-card__title'>最近浏览</Text>
          {recent.slice(0, 5).map((r) => (
            <View key={`${r.kind}:${r.id}`} className='recent-row' data-testid='recent-item' onClick={() => openRecent(r)}>
              <Tag>{kindLabels[r.kind]}</Tag>
              <Text className='recent-row__title'>{r.title}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className='pol-card' data-testid='policy-list' data-state={list.state.status}>
        <Text className='pol-card__title'>政策文件</Text>
        <Filters home={home} />
        <ListBody home={home} />
      </View>
    </View>
  );
}

function openRecent(r: RecentItem) {
  if (r.kind === 'policy') openPolicy(r.id);
  else if (r.kind === 'interpretation') openInterpretation(r.id);
  else openQa(r.id);
}

function Filters({ home }: { home: UsePolicyHome }) {
  const { list } = home;
  const f = list.filters;
  const facets = list.state.status === 'ok' ? list.state.facets : null;
  const years = facets?.years.map((y) => y.value) ?? [];
  const issuers = facets?.issuers.map((i) => i.value) ?? [];
  return (
    <View className='filters'>
      <View className='chips chips--tight'>
        <View className={`chip ${!f.status ? 'chip--on' : ''}`} data-testid='status-filter' onClick={() => list.setFilters({ ...f, status: undefined })}>
          <Text>全部</Text>
        </View>
        {STATUSES.map((s) => (
          <View
            key={s}
            className={`chip ${f.status === s ? 'chip--on' : ''}`}
            data-testid='status-filter'
            data-selected={f.status === s ? 'true' : 'false'}
            onClick={() => list.setFilters({ ...f, status: f.status === s ? undefined : s })}
          >
            <Text>{statusLabels[s]}</Text>
          </View>
        ))}
      </View>
      <View className='filters__pickers'>
        <Picker mode='selector' range={['全部年份', ...years]} onChange={(e) => {
          const i = Number(e.detail.value);
          list.setFilters({ ...f, year: i > 0 ? Number(years[i - 1]) : undefined });
        }}>
          <View className={`picker ${f.year ? 'picker--on' : ''}`} data-testid='year-filter'>
            <Text>{f.year ? `${f.year}年` : '发布年份'} ▾</Text>
          </View>
        </Picker>
        <Picker mode='selector' range={['全部机构', ...issuers]} onChange={(e) => {
          const i = Number(e.detail.value);
          list.setFilters({ ...f, issuer: i > 0 ? issuers[i - 1] : undefined });
        }}>
          <View className={`picker ${f.issuer ? 'picker--on' : ''}`} data-testid='issuer-filter'>
            <Text className='picker__text'>{f.issuer ?? '发布机构'} ▾</Text>
          </View>
        </Picker>
      </View>
    </View>
  );
}

function ListBody({ home }: { home: UsePolicyHome }) {
  const { list } = home;
  const s = list.state;
  if (s.status === 'loading') return <Skeleton rows={4} />;
  if (s.status === 'error') {
    return <StatusView testId='policy-list-error' glyph='!' tone='warn' title='政策列表加载失败' description={s.message} actionText='重试' onAction={list.reload} />;
  }
  const filtered = Object.values(list.filters).some((v) => v !== undefined);
  return (
    <>
      {s.stale ? <StaleNotice /> : null}
      <Text className='filters__count' data-testid='policy-count'>
        共 {s.total} 份
      </Text>
      {s.items.length === 0 ? (
        <View className='pol-empty' data-testid='policy-list-empty'>
          <Text>没有符合条件的政策文件</Text>
          {filtered ? (
            <View className='pol-more' data-testid='clear-filters' onClick={() => list.setFilters({})}>
              <Text>清除筛选条件</Text>
            </View>
          ) : null}
        </View>
      ) : (
        s.items.map((p) => <PolicyCard key={p.id} policy={p} />)
      )}
      {s.items.length > 0 ? (
        <View className='list-foot' data-testid='list-foot'>
          {s.loadingMore ? (
            <Text>正在加载…</Text>
          ) : s.moreError ? (
            <Text onClick={list.loadMore} data-testid='load-more'>
              {s.moreError}，点击重试
            </Text>
          ) : list.hasMore ? (
            <Text onClick={list.loadMore} data-testid='load-more'>
              加载更多
            </Text>
          ) : (
            <Text>已显示全部</Text>
          )}
        </View>
      ) : null}
    </>
  );
}

function PolicyCard({ policy }: { policy: PolicySummary }) {
  return (
    <View className='policy-card' data-testid='policy-item' data-id={policy.id} onClick={() => openPolicy(policy.id)}>
      <Text className='policy-card__title'>{policy.title}</Text>
      <View className='policy-card__meta'>
        <ValidityTag status={policy.status} />
        {policy.docNo ? <Text className='policy-card__text'>{policy.docNo}</Text> : null}
      </View>
      <View className='policy-card__meta'>
        <Text className='policy-card__text'>
          {policy.issuer} · {formatDate(policy.publishedAt)}
        </Text>
        {policy.interpretationCount ? <Text className='policy-card__count'>解读 {policy.interpretationCount}</Text> : null}
        {policy.qaCount ? <Text className='policy-card__count'>问答 {policy.qaCount}</Text> : null}
      </View>
    </View>
  );
}
