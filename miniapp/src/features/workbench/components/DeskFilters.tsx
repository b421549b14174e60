import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { HOTLINE_FORWARD_FAILED_LABEL, HOTLINE_STATUS_LABELS, HotlineStatus, type HotlineForwardState } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field, TextInput, Toggle } from '@/components/Form';
import type { UseHotlineDesk } from '../hooks/useHotlineDesk';

const ALL = 'all';
const statusOptions = [{ value: ALL, label: '全部' }, ...HotlineStatus.options.map((s) => ({ value: s, label: s === 'submitted' ? '待转交' : HOTLINE_STATUS_LABELS[s] }))];
const forwardLabels: Record<HotlineForwardState, string> = { pending: '转交中', delivered: '已转交', failed: HOTLINE_FORWARD_FAILED_LABEL, withdrawn: '未转交（市民已注销）' };
const forwardOptions = [{ value: ALL, label: '全部' }, ...(['failed', 'pending', 'delivered'] as const).map((f) => ({ value: f, label: forwardLabels[f] }))];

export { forwardLabels };

/**
 * The desk's filters: keyword, status, forwarding state, date range and overdue. On a phone they
 * fold away behind 筛选 so the list comes first; on a wide screen they are always open.
 */
export function DeskFilters({ desk }: { desk: UseHotlineDesk }) {
  const [open, setOpen] = useState(false);
  const { filters, setFilters } = desk;
  const active = [filters.status, filters.forward, filters.overdue, filters.q, filters.from, filters.to].filter(Boolean).length;
  return (
    <View className={`desk-filters ${open ? 'desk-filters--open' : ''}`} data-testid='desk-filters'>
      <View className='desk-filters__bar'>
        <AppButton variant='secondary' className='desk-filters__toggle' onClick={() => setOpen(!open)} testId='desk-filters-toggle'>
          {open ? '收起筛选' : active ? `筛选（已选 ${active} 项）` : '筛选'}
        </AppButton>
        {active ? (
          <Text className='desk-link' data-testid='desk-filters-reset' onClick={desk.resetFilters}>
            清除筛选
          </Text>
        ) : null}
      </View>
      <View className='desk-filters__body'>
        <Field name='q' label='标题关键词'>
          <View className='desk-filters__search'>
            <TextInput
              className='desk-filters__input'
              value={desk.keyword}
              maxlength={50}
              placeholder='如：噪音'
              confirmType='search'
              onInput={(e) => desk.setKeyword(e.detail.value)}
              onConfirm={desk.applyKeyword}
              testId='desk-keyword'
            />
            <AppButton className='desk-filters__search-btn' onClick={desk.applyKeyword} testId='desk-search'>
              搜索
            </AppButton>
          </View>
        </Field>
        <Field name='status' label='办理状态'>
          <Chips testId='desk-status' options={statusOptions} value={filters.status ?? ALL} onChange={(v) => setFilters({ status: v === ALL ? undefined : (v as HotlineStatus) })} />
        </Field>
        <Field name='forward' label='转交状态'>
          <Chips testId='desk-forward' options={forwardOptions} value={filters.forward ?? ALL} onChange={(v) => setFilters({ forward: v === ALL ? undefined : (v as HotlineForwardState) })} />
        </Field>
        <Field name='dates' label='提交日期' group hint={filters.from && filters.to && filters.from > filters.to ? '开始日期晚于结束日期，将查不到诉求' : undefined}>
          <View className='desk-dates'>
            <Picker mode='date' value={filters.from ?? ''} end={filters.to} onChange={(e) => setFilters({ from: String(e.detail.value) })}>
              <View className='desk-date' data-testid='desk-from' aria-label='开始日期'>
                <Text>{filters.from ?? '开始日期'}</Text>
              </View>
            </Picker>
            <Text className='desk-dates__sep'>至</Text>
            <Picker mode='date' value={filters.to ?? ''} start={filters.from} onChange={(e) => setFilters({ to: String(e.detail.value) })}>
              <View className='desk-date' data-testid='desk-to' aria-label='结束日期'>
                <Text>{filters.to ?? '结束日期'}</Text>
              </View>
            </Picker>
            {filters.from || filters.to ? (
              <Text className='desk-link' data-testid='desk-dates-clear' onClick={() => setFilters({ from: undefined, to: undefined })}>
                清除日期
              </Text>
            ) : null}
          </View>
        </Field>
        <Toggle name='overdue' testId='desk-overdue' label='只看已超期' description='已过办理时限仍未办结，或超期办结的诉求' checked={Boolean(filters.overdue)} onChange={(overdue) => setFilters({ overdue })} />
      </View>
    </View>
  );
}
