import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { APPLICATION_STATUS_LABELS, ApplicationStatus, ObserverCategory, OBSERVER_CATEGORY_LABELS, type StaffApplication, type StaffMeeting } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field, TextInput } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import { ListFooter } from '@/components/ListFooter';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import type { UseMeetingWork } from '../hooks/useMeetingWork';
import { Section } from './DetailParts';

const ALL = 'all';
const statusOptions = [{ value: ALL, label: '全部' }, ...ApplicationStatus.options.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] }))];

/** A meeting's applications by category and status (names masked); review meetings decide each here. */
export function MeetingApplications({ work, m }: { work: UseMeetingWork; m: StaffMeeting }) {
  const { applications: list, filters, setFilters } = work;
  const categories = [{ value: ALL, label: '全部' }, ...ObserverCategory.options.filter((c) => m.seats.some((s) => s.category === c && s.seats > 0)).map((c) => ({ value: c, label: OBSERVER_CATEGORY_LABELS[c] }))];
  const { state } = list;
  return (
    <Section level={2} title='申请' testId='meeting-applications'>
      <Field name='category' label='类别'>
        <Chips testId='filter-category' options={categories} value={filters.category ?? ALL} onChange={(v) => setFilters({ ...filters, category: v === ALL ? undefined : (v as ObserverCategory) })} />
      </Field>
      <Field name='status' label='状态'>
        <Chips testId='filter-status' options={statusOptions} value={filters.status ?? ALL} onChange={(v) => setFilters({ ...filters, status: v === ALL ? undefined : (v as ApplicationStatus) })} />
      </Field>
      {m.selection === 'review' && m.phase === 'open' ? <Text className='desk-section__note'>申请截止后才能审核选定。</Text> : null}
      {state.status === 'loading' ? (
        <Skeleton rows={3} />
      ) : state.status === 'error' ? (
        <StatusView testId='meeting-applications-error' glyph='!' tone='warn' title='申请加载失败' description={state.message} actionText='重试' onAction={list.reload} />
      ) : state.items.length ? (
        <>
          <Text className='desk-list__count'>共 {state.total} 份</Text>
          {state.items.map((a) => (
            <ApplicationRow key={a.id} a={a} m={m} work={work} />
          ))}
          <ListFooter testId='meeting-applications' list={list} />
        </>
      ) : (
        <Text className='desk-section__note' data-testid='meeting-applications-empty'>
          没有符合条件的申请。
        </Text>
      )}
    </Section>
  );
}

function ApplicationRow({ a, m, work }: { a: StaffApplication; m: StaffMeeting; work: UseMeetingWork }) {
  const reviewable = m.selection === 'review' && m.phase !== 'open' && a.status === 'submitted';
  return (
    <View className='desk-row' data-testid='staff-application' data-id={a.id} data-status={a.status}>
      <View className='desk-row__tags'>
        <Tag tone={a.status === 'selected' || a.status === 'confirmed' ? 'info' : 'plain'}>{a.statusLabel}</Tag>
        <Tag>{a.categoryLabel}</Tag>
        {a.reserveRank ? <Tag>{`候补第 ${a.reserveRank} 位`}</Tag> : null}
      </View>
      <Text className='desk-row__title'>
        {a.drawNumber} · {a.name}
        {a.organisation ? ` · ${a.organisation}` : ''}
      </Text>
      <Text className='desk-row__meta'>理由：{a.reason}</Text>
      {a.qualification ? <Text className='desk-row__meta'>资格说明：{a.qualification}</Text> : null}
      {a.decisionReason ? <Text className='desk-row__meta'>审核理由：{a.decisionReason}</Text> : null}
      {reviewable ? <Review a={a} m={m} work={work} /> : null}
    </View>
  );
}

function Review({ a, m, work }: { a: StaffApplication; m: StaffMeeting; work: UseMeetingWork }) {
  const [reason, setReason] = useState('');
  const seat = m.seats.find((s) => s.category === a.category);
  const full = seat ? seat.selected >= seat.seats : true;
  const state = work.actions[`review:${a.id}`];
  return (
    <View className='desk-step' data-testid='review'>
      <Field name={`reason-${a.id}`} label='理由（告知申请人）' hint={seat ? `${seat.label}已选定 ${seat.selected}/${seat.seats}` : undefined}>
        <TextInput value={reason} maxlength={300} placeholder='例如：与议题直接相关的片区居民' onInput={(e) => setReason(e.detail.value)} testId='review-reason' />
      </Field>
      <View className='con-card__actions'>
        <AppButton className='con-card__btn' disabled={full || state?.busy} loading={state?.busy} testId='review-accept' onClick={() => void work.review(a, 'accept', reason)}>
          {full ? `名额已满（${seat?.selected ?? 0}/${seat?.seats ?? 0}）` : '选定'}
        </AppButton>
        <AppButton className='con-card__btn' variant='secondary' disabled={state?.busy} testId='review-decline' onClick={() => void work.review(a, 'decline', reason)}>
          不选定
        </AppButton>
      </View>
      {state?.message ? (
        <InlineMessage tone={state.tone} testId='review-result'>
          {state.message}
        </InlineMessage>
      ) : null}
    </View>
  );
}
