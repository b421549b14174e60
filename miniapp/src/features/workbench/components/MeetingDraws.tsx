import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { OBSERVER_CATEGORY_LABELS, type DrawCategory, type ObserverCategory, type StaffMeeting } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Field, TextArea, TextInput } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import { formatDateTime } from '@/utils/format';
import type { UseMeetingWork } from '../hooks/useMeetingWork';
import { openPage } from '../navigation';
import { Section } from './DetailParts';

/** The citizens' 抽签公示 of a meeting (features/meetings). */
const publicDrawPage = (id: string) => `/features/meetings/pages/draw/index?id=${encodeURIComponent(id)}`;

/**
 * A lottery meeting's draw: the public randomness source stated before the close (fixed after
 * it), then per category the published value entered exactly and the draw run once.
 */
export function MeetingDraws({ work, m }: { work: UseMeetingWork; m: StaffMeeting }) {
  const published = work.draw.state.status === 'ok' ? work.draw.state.data.categories : [];
  return (
    <Section level={2} title='公开抽签' testId='meeting-draws'>
      <Source work={work} m={m} />
      {m.phase === 'open' ? (
        <Text className='desk-section__note'>申请截止时各类别名单自动冻结并公布哈希，之后才能抽签。</Text>
      ) : (
        m.seats
          .filter((s) => s.seats > 0)
          .map((s) => <CategoryDraw key={s.category} work={work} m={m} category={s.category} published={published.find((c) => c.category === s.category) ?? null} />)
      )}
      {m.phase !== 'open' ? (
        <Text className='desk-link' data-testid='open-public-draw' onClick={() => openPage(publicDrawPage(m.id))}>
          查看公开的抽签公示 ›
        </Text>
      ) : null}
    </Section>
  );
}

function Source({ work, m }: { work: UseMeetingWork; m: StaffMeeting }) {
  const [source, setSource] = useState(m.drawSource ?? '');
  const state = work.actions.source;
  if (m.phase !== 'open') {
    return (
      <View className='desk-step' data-testid='draw-source'>
        <Text className='desk-step__head'>随机数来源：{m.drawSource ?? '未在申请截止前公布（不能抽签，请联系管理员）'}</Text>
      </View>
    );
  }
  return (
    <View className='desk-step' data-testid='draw-source'>
      <Field name='source' label='公开随机数来源' required hint='截止前公布，之后不能修改。写明未来某日公布的、任何人都能查到的数，例如：2026年12月5日公布的中国福利彩票双色球开奖号码（按公布顺序，以空格分隔）。'>
        <TextArea value={source} maxlength={300} placeholder='来源、日期和书写格式' onInput={(e) => setSource(e.detail.value)} testId='draw-source-input' />
      </Field>
      <AppButton loading={state?.busy} testId='draw-source-save' onClick={() => void work.setSource(source)}>
        {m.drawSource ? '修改来源' : '公布来源'}
      </AppButton>
      {state?.message ? (
        <InlineMessage tone={state.tone} testId='draw-source-result'>
          {state.message}
        </InlineMessage>
      ) : null}
    </View>
  );
}

function CategoryDraw({ work, m, category, published }: { work: UseMeetingWork; m: StaffMeeting; category: ObserverCategory; published: DrawCategory | null }) {
  const [value, setValue] = useState('');
  const state = work.actions[`draw:${category}`];
  const label = OBSERVER_CATEGORY_LABELS[category];
  const drawn = published?.drawnAt ? published : null;
  return (
    <View className='desk-step' data-testid='category-draw' data-category={category} data-drawn={String(Boolean(drawn))}>
      <Text className='desk-step__head'>
        {label}：{published ? `冻结名单 ${published.roster.length} 人` : '名单'} · {m.seats.find((s) => s.category === category)?.seats ?? 0} 个名额
      </Text>
      {drawn ? (
        <Text className='desk-step__note' data-testid='category-drawn'>
          已于 {formatDateTime(drawn.drawnAt)} 抽签，随机数“{drawn.publicValue}”；选定 {drawn.chosen.join('、') || '无'}
        </Text>
      ) : m.drawsPending.includes(category) ? (
        <>
          <Field name={`value-${category}`} label='录入公布的随机数' required hint='与公布内容逐字一致（包括空格、符号和顺序），首尾不要留空格。'>
            <TextInput value={value} maxlength={200} placeholder='如：03 09 14 21 27 31 + 08' onInput={(e) => setValue(e.detail.value)} testId='draw-value' />
          </Field>
          <AppButton loading={state?.busy} disabled={!m.drawSource} testId='draw-run' onClick={() => void work.runDraw(category, value)}>
            录入随机数并抽签
          </AppButton>
        </>
      ) : (
        <Text className='desk-step__note'>本类别无需抽签（没有申请）。</Text>
      )}
      {state?.message ? (
        <InlineMessage tone={state.tone} testId='draw-result'>
          {state.message}
        </InlineMessage>
      ) : null}
    </View>
  );
}
