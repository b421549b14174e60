import { Text, View } from '@tarojs/components';
import { STAFF_ROLE_LABELS, type AuditEntry } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { ListFooter } from '@/components/ListFooter';
import { Field, TextInput } from '@/components/Form';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDateTime, shortId } from '@/utils/format';
import type { UseAuditLog } from '../hooks/useAuditLog';
import { StaffPage } from './StaffPage';

/** Chinese names of the actions the BFF records; others are shown as recorded. */
const actionLabels: Record<string, string> = {
  'hotline.requeue': '重新转交诉求',
  'hotline.view_identity': '查看诉求身份信息',
  'hotline.export': '导出诉求',
  'account.delete': '市民注销账号',
};

/** 审计日志 (admin): who did what to which record, when, with the state before and after. */
export function AuditLog({ audit }: { audit: UseAuditLog }) {
  const { list } = audit;
  const { state } = list;
  return (
    <StaffPage
      testId='audit'
      className='audit'
      state={state.status}
      error={state.status === 'error' ? state : null}
      title='审计日志'
      subtitle='工作人员的每一项操作：谁、何时、做了什么、前后状态'
    >
      <View className='audit-filters'>
        <Field name='action' label='操作'>
          <TextInput value={audit.draft.action ?? ''} maxlength={64} placeholder='如：hotline.requeue' onInput={(e) => audit.setDraft({ action: e.detail.value })} onConfirm={audit.apply} testId='audit-action' />
        </Field>
        <Field name='target' label='对象编号'>
          <TextInput value={audit.draft.targetId ?? ''} maxlength={64} placeholder='如：RX-20261201-7KQ2MZ' onInput={(e) => audit.setDraft({ targetId: e.detail.value })} onConfirm={audit.apply} testId='audit-target' />
        </Field>
        <AppButton className='audit-filters__apply' onClick={audit.apply} testId='audit-apply'>
          查询
        </AppButton>
      </View>
      {state.status === 'loading' ? (
        <Skeleton rows={4} />
      ) : state.status === 'error' ? (
        <StatusView testId='audit-error' glyph='!' tone='warn' title='审计日志加载失败' description={state.message} actionText='重试' onAction={list.reload} />
      ) : !state.items.length ? (
        <StatusView testId='audit-empty' glyph='审' title='没有符合条件的记录' description='换个操作名称或对象编号再试。' />
      ) : (
        <View data-testid='audit-list'>
          <Text className='desk-list__count'>共 {state.total} 条</Text>
          <View role='list'>
            {state.items.map((e) => (
              <AuditRow key={e.id} entry={e} />
            ))}
          </View>
          <ListFooter testId='audit' list={list} />
        </View>
      )}
    </StaffPage>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <View className='audit-row' role='listitem' data-testid='audit-row'>
      <View className='desk-row__tags'>
        <Tag tone='info'>{entry.role === 'citizen' ? '市民本人' : STAFF_ROLE_LABELS[entry.role]}</Tag>
        <Text className='audit-row__time'>{formatDateTime(entry.at)}</Text>
      </View>
      <Text className='audit-row__action'>{actionLabels[entry.action] ?? entry.action}</Text>
      <Text className='audit-row__meta'>
        操作人 {shortId(entry.actorId)} · {entry.target.type} {entry.target.id}
      </Text>
      {entry.before !== null || entry.after !== null ? (
        <Text className='audit-row__change' userSelect>
          {`${describe(entry.before)} → ${describe(entry.after)}`}
        </Text>
      ) : null}
    </View>
  );
}

/** A short, readable form of a before/after state (they are small objects, e.g. {forwardState}). */
function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('，');
}
