import { Text, View } from '@tarojs/components';
import { DISPOSITION_LABELS, dispositionNeedsReason, type Disposition, type StaffComment } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field, FieldError, TextArea, TextInput, Toggle } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import { ListFooter } from '@/components/ListFooter';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import { canSelect, type ApplyMode, type UseDispositions } from '../hooks/useDispositions';
import { openPage, workbenchPages } from '../navigation';
import { articleOf } from './ModerationDesk';
import { StaffPage } from './StaffPage';

const scrollRegion = { tabIndex: 0 } as Record<string, unknown>;
const dispositionOptions = (Object.keys(DISPOSITION_LABELS) as Disposition[]).map((value) => ({ value, label: DISPOSITION_LABELS[value] }));
const modeOptions: ReadonlyArray<{ value: ApplyMode; label: string }> = [
  { value: 'dispose', label: '逐条统一处置' },
  { value: 'point', label: '归为一个意见要点' },
];
const REASON_MAX = 1000;

/**
 * 意见处理 of one consultation: progress, the approved comments with checkboxes (by article,
 * undisposed only by default), and the disposition applied to the selection, beside the list
 * from 960 px as on the 12345 desk.
 */
export function Dispositions({ work }: { work: UseDispositions }) {
  const { overview } = work;
  const o = overview.state.status === 'ok' ? overview.state.data : null;
  const error = overview.state.status === 'error' ? overview.state : work.list.state.status === 'error' ? work.list.state : null;
  return (
    <StaffPage
      testId='dispositions'
      className='desk dispositions'
      state={overview.state.status}
      error={error}
      title='意见处理'
      subtitle={o ? o.title : undefined}
      actions={
        <AppButton variant='secondary' className='desk__export' loading={work.exportState.busy} onClick={() => void work.exportCsv()} testId='dispositions-export'>
          导出意见
        </AppButton>
      }
    >
      {work.exportState.message ? (
        <InlineMessage tone={work.exportState.tone} testId='dispositions-export-result'>
          {work.exportState.message}
        </InlineMessage>
      ) : null}
      {overview.state.status === 'loading' ? <Skeleton rows={2} /> : null}
      {overview.state.status === 'error' && overview.state.httpStatus === 404 ? (
        <StatusView testId='dispositions-missing' glyph='?' title='没有找到这次意见征集' description='编号可能有误，或征集已被撤下。' />
      ) : overview.state.status === 'error' ? (
        <StatusView testId='dispositions-error' glyph='!' tone='warn' title='征集信息加载失败' description={overview.state.message} actionText='重试' onAction={overview.reload} />
      ) : o ? (
        <>
          <Progress disposed={o.counts.disposed} approved={o.counts.approved} />
          {o.phase === 'open' || o.phase === 'upcoming' ? (
            <Text className='wb-tool__note dispo-note' data-testid='dispositions-not-closed'>
              征求意见将于 {formatDateTime(o.closesAt)} 截止，截止后才能处置意见。
            </Text>
          ) : null}
          {o.counts.pending ? (
            <Text className='wb-tool__note dispo-note' data-testid='dispositions-pending'>
              还有 {o.counts.pending} 条意见待审核，审核通过后才能处置。
            </Text>
          ) : null}
          {o.reportPublishedAt ? (
            <Text className='wb-tool__note dispo-note' data-testid='dispositions-published'>
              意见采纳情况已于 {formatDateTime(o.reportPublishedAt)} 公布，处理意见不能再修改。
            </Text>
          ) : null}
          <Text className='desk-link' data-testid='dispositions-to-report' onClick={() => openPage(workbenchPages.report(work.id))}>
            {o.reportPublishedAt ? '查看采纳情况 ›' : '预览并发布采纳情况 ›'}
          </Text>
          <View className='desk__body'>
            <View className='desk__list-col'>
              <Filters work={work} />
              <CommentList work={work} />
            </View>
            <View className='desk__detail-col' role='region' aria-label='处置所选意见' {...scrollRegion}>
              <ApplyPanel work={work} />
              <Points work={work} />
            </View>
          </View>
        </>
      ) : null}
    </StaffPage>
  );
}

function Progress({ disposed, approved }: { disposed: number; approved: number }) {
  const pct = approved ? Math.round((disposed / approved) * 100) : 0;
  return (
    <View className='dispo-progress' data-testid='dispositions-progress'>
      <Text className='dispo-progress__text'>
        已处置 {disposed} / {approved} 条已公开意见{approved && disposed === approved ? '，全部处置完毕' : ''}
      </Text>
      <View className='dispo-progress__bar' role='progressbar' aria-label='处置进度' aria-valuemin={0} aria-valuemax={approved} aria-valuenow={disposed}>
        <View className='dispo-progress__fill' style={{ width: `${pct}%` }} />
      </View>
    </View>
  );
}

function Filters({ work }: { work: UseDispositions }) {
  const articles = work.detail.state.status === 'ok' ? work.detail.state.data.item.articles : [];
  const options = [{ value: 'all', label: '全部' }, { value: '0', label: '对草案整体' }, ...articles.map((a) => ({ value: String(a.no), label: a.label }))];
  const value = work.filters.articleNo === undefined ? 'all' : String(work.filters.articleNo);
  return (
    <View className='dispo-filters' data-testid='dispositions-filters'>
      <Field name='dispo-article' label='按条款筛选'>
        <Chips testId='dispo-article' options={options} value={value} onChange={(v) => work.setFilters({ articleNo: v === 'all' ? undefined : Number(v) })} />
      </Field>
      <Toggle name='dispo-undisposed' label='只看尚未处置的意见' checked={work.filters.undisposedOnly} onChange={(undisposedOnly) => work.setFilters({ undisposedOnly })} />
    </View>
  );
}

function CommentList({ work }: { work: UseDispositions }) {
  const { list } = work;
  const { state } = list;
  if (state.status === 'loading') return <Skeleton rows={4} />;
  if (state.status === 'error') {
    return <StatusView testId='dispositions-list-error' glyph='!' tone='warn' title='意见列表加载失败' description={state.message} actionText='重试' onAction={list.reload} />;
  }
  if (!state.items.length) {
    return (
      <StatusView
        testId='dispositions-empty'
        glyph='✓'
        title={work.filters.undisposedOnly ? '没有尚未处置的意见' : '没有已公开的意见'}
        description={work.filters.undisposedOnly ? '符合条件的已公开意见都已处置。' : '换个条款再看看。'}
      />
    );
  }
  const all = work.selectable.length > 0 && work.selectable.every((c) => work.selection.has(c.id));
  return (
    <View className='desk-list' data-testid='dispositions-list'>
      <View className='dispo-listbar'>
        <Checkbox checked={all} label={`全选本页（${work.selectable.length} 条）`} onToggle={work.toggleAll} testId='dispositions-select-all' />
        <Text className='desk-list__count' data-testid='dispositions-count'>
          共 {state.total} 条{state.busy === 'refresh' ? '，正在刷新…' : ''}
        </Text>
      </View>
      <View role='list'>
        {state.items.map((c) => (
          <CommentRow key={c.id} comment={c} selected={work.selection.has(c.id)} onToggle={work.toggle} />
        ))}
      </View>
      <ListFooter testId='dispositions' list={list} />
    </View>
  );
}

function Checkbox({ checked, label, onToggle, testId }: { checked: boolean; label: string; onToggle: () => void; testId: string }) {
  return (
    <View className='dispo-check' role='checkbox' aria-checked={checked} {...{ tabIndex: 0 }} data-testid={testId} onClick={onToggle}>
      <View className={`dispo-check__box ${checked ? 'dispo-check__box--on' : ''}`}>
        <Text>{checked ? '✓' : ''}</Text>
      </View>
      <Text className='dispo-check__label'>{label}</Text>
    </View>
  );
}

function CommentRow({ comment: c, selected, onToggle }: { comment: StaffComment; selected: boolean; onToggle: (id: string) => void }) {
  return (
    <View className={`desk-row dispo-row ${selected ? 'desk-row--on' : ''}`} role='listitem' data-testid='dispositions-row' data-id={c.id}>
      <View className='desk-row__tags'>
        {canSelect(c) ? <Checkbox checked={selected} label='选择' onToggle={() => onToggle(c.id)} testId='dispositions-check' /> : null}
        <Tag tone='info'>{articleOf(c)}</Tag>
        {c.dispositionLabel ? <Tag tone='plain'>{c.dispositionLabel}</Tag> : <Tag tone='accent'>未处置</Tag>}
        {c.pointId ? <Tag>已归入意见要点</Tag> : null}
      </View>
      <Text className='moderation-row__text'>{c.text}</Text>
      {c.dispositionReason ? <Text className='desk-row__meta'>理由：{c.dispositionReason}</Text> : null}
      <View className='desk-row__meta'>
        <Text>{c.realNameMasked ?? '网友'}</Text>
        <Text>{formatDateTime(c.createdAt)} 提交</Text>
      </View>
    </View>
  );
}

function ApplyPanel({ work }: { work: UseDispositions }) {
  const { form, errors } = work;
  const needsReason = form.disposition ? dispositionNeedsReason(form.disposition) : true;
  return (
    <View className='desk-detail__body dispo-apply' data-testid='dispositions-apply'>
      <View className='desk-detail__title' role='heading' aria-level={2}>
        处置所选意见
      </View>
      <Text className='dispo-apply__selected' data-testid='dispositions-selected'>
        已选 {work.selection.size} 条
      </Text>
      <FieldError name='selection' message={errors.selection} />
      <Field name='dispo-mode' label='处置方式' hint={form.mode === 'point' ? '内容相同的意见归为一个要点，要点的处理意见即为其中每条意见的处理意见' : undefined}>
        <Chips testId='dispo-mode' options={modeOptions} value={form.mode} onChange={(mode) => work.setForm({ mode })} />
      </Field>
      {form.mode === 'point' ? (
        <Field name='point-title' label='意见要点' required error={errors.pointTitle}>
          <TextInput value={form.pointTitle} maxlength={200} placeholder='概括这些意见的共同内容' onInput={(e) => work.setForm({ pointTitle: e.detail.value })} testId='point-title' />
        </Field>
      ) : null}
      <Field name='dispo-disposition' label='处理意见' required error={errors.disposition}>
        <Chips testId='dispo-disposition' options={dispositionOptions} value={form.disposition} onChange={(disposition) => work.setForm({ disposition })} />
      </Field>
      <Field
        name='dispo-reason'
        label={needsReason ? '理由' : '理由（选填）'}
        required={needsReason}
        error={errors.reason}
        hint={`${form.reason.trim().length}/${REASON_MAX} 字，会告知提交意见的市民并写入采纳情况`}
      >
        <TextArea value={form.reason} maxlength={REASON_MAX} placeholder='说明采纳或不采纳的理由' onInput={(e) => work.setForm({ reason: e.detail.value })} testId='dispo-reason' />
      </Field>
      <AppButton className='desk-detail__action' loading={work.applyState.busy} onClick={() => void work.apply()} testId='dispositions-apply-submit'>
        {form.mode === 'point' ? '归为要点并处置' : '处置所选意见'}
      </AppButton>
      {work.applyState.message ? (
        <InlineMessage tone={work.applyState.tone} testId='dispositions-apply-result'>
          {work.applyState.message}
        </InlineMessage>
      ) : null}
    </View>
  );
}

function Points({ work }: { work: UseDispositions }) {
  const { state } = work.points;
  if (state.status !== 'ok' || !state.data.items.length) return null;
  return (
    <View className='desk-detail__body dispo-points' data-testid='dispositions-points'>
      <View className='desk-detail__title' role='heading' aria-level={2}>
        意见要点（{state.data.items.length}）
      </View>
      {state.data.items.map((p) => (
        <View key={p.id} className='desk-step' data-testid='dispositions-point'>
          <Text className='desk-step__head'>{p.title}</Text>
          <Text className='desk-step__note'>
            {p.commentCount} 条意见，{p.commenterCount} 位市民 · {p.dispositionLabel ?? '尚未处置'}
            {p.reason ? `：${p.reason}` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
