import { useCallback, useState } from 'react';
import {
  dispositionNeedsReason,
  type CommentPointList,
  type ConsultationDetailResponse,
  type Disposition,
  type StaffComment,
  type StaffCommentPage,
  type StaffConsultation,
} from '@zwgk/contracts';
import { useRemote, type UsePagedList, type UseRemote } from '@/hooks';
import { messageOf } from '@/services';
import { createPoint, disposeComments, exportConsultationComments, getConsultation, getStaffConsultation, listPoints, listStaffComments } from '../api';
import { busy, chinaDate, done, exportResult, failed, idle, type ActionState } from '../lib/actions';
import { useCursorList, type CursorPaged } from './useCursorList';

export const DISPOSE_PAGE_SIZE = 50;

/** The work list's filters: one article (0 = the draft as a whole) or all, and only comments still without a disposition. */
export interface DispositionFilters {
  articleNo?: number;
  undisposedOnly: boolean;
}

/** 统一处置 (each selected comment gets it) or 归为意见要点 (one point, its disposition theirs). */
export type ApplyMode = 'dispose' | 'point';

export interface DispositionForm {
  mode: ApplyMode;
  disposition: Disposition | null;
  reason: string;
  pointTitle: string;
}

export type DispositionErrors = Partial<Record<'selection' | 'disposition' | 'reason' | 'pointTitle', string>>;

export interface UseDispositions {
  id: string;
  overview: UseRemote<StaffConsultation>;
  /** The consultation's articles (for the filter); the page works without them. */
  detail: UseRemote<ConsultationDetailResponse>;
  points: UseRemote<CommentPointList>;
  filters: DispositionFilters;
  setFilters: (patch: Partial<DispositionFilters>) => void;
  list: UsePagedList<StaffComment, CursorPaged<StaffComment, StaffCommentPage>>;
  /** Ids of the selected comments. */
  selection: ReadonlySet<string>;
  toggle: (commentId: string) => void;
  /** Selects every comment shown that can take a disposition here (not grouped into a point); again to clear. */
  toggleAll: () => void;
  /** Comments shown that can be selected. */
  selectable: StaffComment[];
  form: DispositionForm;
  setForm: (patch: Partial<DispositionForm>) => void;
  errors: DispositionErrors;
  apply: () => Promise<void>;
  applyState: ActionState;
  exportCsv: () => Promise<void>;
  exportState: ActionState;
}

/** Whether a comment can be selected for a disposition here: one in a 意见要点 is disposed on its point. */
export const canSelect = (c: StaffComment) => !c.pointId;

/** What is missing before the form can be sent, in Chinese (the contract's rules, checked before sending). */
export function checkForm(form: DispositionForm, selected: number): DispositionErrors {
  const errors: DispositionErrors = {};
  if (!selected) errors.selection = '请先勾选要处置的意见';
  if (!form.disposition) errors.disposition = '请选择处理意见';
  else if (dispositionNeedsReason(form.disposition) && !form.reason.trim()) errors.reason = '除“采纳”外，处理意见须填写理由';
  if (form.mode === 'point' && form.pointTitle.trim().length < 2) errors.pointTitle = '请用至少 2 个字概括这些意见的共同要点';
  return errors;
}

const emptyForm: DispositionForm = { mode: 'dispose', disposition: null, reason: '', pointTitle: '' };

/**
 * 意见处理 of one consultation after its close: the approved comments (by article, still
 * undisposed by default), a selection of them, and one disposition with its reason applied to
 * all of them at once or to a new 意见要点 grouping them; progress 已处置 N / M; CSV export.
 */
export function useDispositions(id: string, pageSize = DISPOSE_PAGE_SIZE): UseDispositions {
  const [filters, setFilterState] = useState<DispositionFilters>({ undisposedOnly: true });
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [form, setFormState] = useState<DispositionForm>(emptyForm);
  const [errors, setErrors] = useState<DispositionErrors>({});
  const [applyState, setApplyState] = useState<ActionState>(idle);
  const [exportState, setExportState] = useState<ActionState>(idle);

  const overview = useRemote(() => getStaffConsultation(id), [id]);
  const detail = useRemote(() => getConsultation(id), [id]);
  const points = useRemote(() => listPoints(id), [id]);
  const list = useCursorList(
    (cursor) => listStaffComments({ state: 'approved', consultationId: id, articleNo: filters.articleNo, disposed: filters.undisposedOnly ? false : undefined }, cursor, pageSize),
    (c: StaffComment) => c.id,
    [id, filters, pageSize],
    pageSize,
  );

  const selectable = list.state.status === 'ok' ? list.state.items.filter(canSelect) : [];

  const setFilters = useCallback((patch: Partial<DispositionFilters>) => {
    setFilterState((prev) => ({ ...prev, ...patch }));
    setSelection(new Set());
  }, []);
  const toggle = useCallback((commentId: string) => {
    setSelection((prev) => {
      const next = new Set(prev);
      if (!next.delete(commentId)) next.add(commentId);
      return next;
    });
    setErrors((e) => ({ ...e, selection: undefined }));
  }, []);
  const allIds = selectable.map((c) => c.id).join(',');
  const toggleAll = useCallback(() => {
    const ids = allIds ? allIds.split(',') : [];
    setSelection((prev) => (ids.length && ids.every((i) => prev.has(i)) ? new Set() : new Set(ids)));
    setErrors((e) => ({ ...e, selection: undefined }));
  }, [allIds]);
  const setForm = useCallback((patch: Partial<DispositionForm>) => {
    setFormState((prev) => ({ ...prev, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as keyof DispositionErrors];
      if ('disposition' in patch) delete next.reason;
      return next;
    });
  }, []);

  const reloadAll = [list.refresh, overview.refresh, points.refresh] as const;
  const apply = useCallback(async () => {
    const found = checkForm(form, selection.size);
    setErrors(found);
    if (Object.keys(found).length || !form.disposition) return;
    const commentIds = [...selection];
    const reason = form.reason.trim() || undefined;
    setApplyState(busy);
    try {
      if (form.mode === 'point') {
        const point = await createPoint(id, { title: form.pointTitle.trim(), commentIds, disposition: form.disposition, reason });
        setApplyState(done(`已将 ${point.commentCount} 条意见归为意见要点“${point.title}”，处理意见：${point.dispositionLabel ?? '未定'}`));
      } else {
        const answer = await disposeComments(id, { commentIds, disposition: form.disposition, reason });
        setApplyState(done(`已处置 ${answer.updated} 条意见，还有 ${answer.remaining} 条尚未处置`));
      }
      setSelection(new Set());
      setFormState((prev) => ({ ...emptyForm, mode: prev.mode }));
      for (const r of reloadAll) void r();
    } catch (error) {
      setApplyState(failed(messageOf(error)));
      void reloadAll[0]();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, selection, id, ...reloadAll]);

  const exportCsv = useCallback(async () => {
    setExportState(busy);
    try {
      setExportState(exportResult(await exportConsultationComments(id, chinaDate())));
    } catch (error) {
      setExportState(failed(messageOf(error)));
    }
  }, [id]);

  return { id, overview, detail, points, filters, setFilters, list, selection, toggle, toggleAll, selectable, form, setForm, errors, apply, applyState, exportCsv, exportState };
}
