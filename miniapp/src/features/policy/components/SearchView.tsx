import { Input, Text, View } from '@tarojs/components';
import type { QaSearchHit, QaSearchResponse } from '@zwgk/contracts';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { useSearch } from '../hooks/useSearch';
import { openHotline, openQa } from '../navigation';
import { policyTexts, snippetOf } from '../lib/text';
import { Highlighted } from './common';

interface SearchViewProps {
  query: string;
  onQueryChange: (q: string) => void;
  delayMs?: number;
}

/** The Q&A search page: results as the citizen types, highlights, and the 12345 hotline when nothing fits. */
export function SearchView({ query, onQueryChange, delayMs }: SearchViewProps) {
  const { state, retry } = useSearch(query, delayMs);
  const shown = state.status === 'ok' ? state.result : state.status === 'loading' ? state.previous : null;
  return (
    <View className='page pol-page search' data-testid='search' data-state={state.status}>
      <View className='search__bar'>
        <Text className='search__icon'>⌕</Text>
        <Input
          className='search__input'
          data-testid='search-input'
          value={query}
          focus
          confirmType='search'
          maxlength={200}
          placeholder='用一句话描述您的问题，如“低保怎么申请”'
          onInput={(e) => onQueryChange(e.detail.value)}
        />
        {query ? (
          <Text className='search__clear' data-testid='search-clear' onClick={() => onQueryChange('')}>
            ✕
          </Text>
        ) : null}
      </View>
      {state.status === 'idle' ? (
        <View className='search__tip' data-testid='search-idle'>
          <Text>可以用口语提问，繁体、错别字也能找到答案。</Text>
        </View>
      ) : null}
      {state.status === 'loading' && !shown ? <Skeleton rows={3} /> : null}
      {state.status === 'error' ? (
        <StatusView
          testId='search-error'
          glyph='!'
          tone='warn'
          title={state.unavailable ? '搜索暂时不可用' : '搜索失败'}
          description={state.message}
          actionText='重试'
          onAction={retry}
        >
          <HotlineHint />
        </StatusView>
      ) : null}
      {shown ? <Results result={shown} pending={state.status === 'loading'} /> : null}
    </View>
  );
}

function Results({ result, pending }: { result: QaSearchResponse; pending: boolean }) {
  const none = result.items.length === 0;
  return (
    <View className={`search__results ${pending ? 'search__results--pending' : ''}`} data-testid='search-results' data-confident={String(result.confident)}>
      {result.status === 'stale' ? (
        <View className='stale-notice' data-testid='stale-notice'>
          <Text>{policyTexts.stale}</Text>
        </View>
      ) : null}
      {none ? (
        <View className='search__none' data-testid='search-empty'>
          <Text className='search__none-title'>没有找到相关问答</Text>
        </View>
      ) : null}
      {!result.confident || none ? <HotlineHint message={result.suggestion?.message} /> : null}
      {!none && !result.confident ? <Text className='search__maybe'>以下内容可能相关：</Text> : null}
      {result.items.map((hit) => (
        <Hit key={hit.id} hit={hit} />
      ))}
    </View>
  );
}

function Hit({ hit }: { hit: QaSearchHit }) {
  const snippet = snippetOf(hit.answer, hit.highlights.answer);
  return (
    <View className='hit' data-testid='search-hit' data-id={hit.id} onClick={() => openQa(hit.id)}>
      <Highlighted className='hit__q' text={hit.question} ranges={hit.highlights.question} />
      <Highlighted className='hit__a' text={snippet.text} ranges={snippet.ranges} />
      {hit.topics.length ? <Text className='hit__topics'>{hit.topics.join(' · ')}</Text> : null}
    </View>
  );
}

/** The low-confidence / no-result way out: the 12345 hotline. */
function HotlineHint({ message }: { message?: string }) {
  return (
    <View className='hotline-hint' data-testid='search-hotline'>
      <Text className='hotline-hint__text'>{message || policyTexts.hotlineHint}</Text>
      <View className='hotline-hint__link' data-testid='search-hotline-link' onClick={openHotline}>
        <Text>去“热线”页咨询 12345 ›</Text>
      </View>
    </View>
  );
}
