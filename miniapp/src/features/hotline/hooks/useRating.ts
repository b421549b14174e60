import { useCallback, useState } from 'react';
import { ErrorCode, type HotlineRatingValue, type HotlineTicketDetail } from '@zwgk/contracts';
import { ApiError, messageOf } from '@/services';
import { rateTicket } from '../api';
import { issuesOf } from '../lib/fields';

export interface RatingInput {
  rating: HotlineRatingValue | null;
  comment: string;
  reopen: boolean;
}

export interface UseRating {
  input: RatingInput;
  setInput: (patch: Partial<RatingInput>) => void;
  busy: boolean;
  error: string | null;
  /** Field messages (rating, comment, reopen). */
  fieldErrors: Record<string, string>;
  /** Sends the rating; resolves to the updated ticket, or null when it failed (see `error`). */
  submit: () => Promise<HotlineTicketDetail | null>;
}

/** The rating of a 办结 ticket: 满意 / 基本满意 / 不满意 + comment, 不满意 with an optional 申请重办. */
export function useRating(trackingNo: string): UseRating {
  const [input, setInputState] = useState<RatingInput>({ rating: null, comment: '', reopen: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const setInput = useCallback((patch: Partial<RatingInput>) => {
    setInputState((prev) => {
      const next = { ...prev, ...patch };
      // 重办 only goes with 不满意.
      if (next.rating !== 'unsatisfied') next.reopen = false;
      return next;
    });
    setFieldErrors({});
    setError(null);
  }, []);

  const submit = useCallback(async () => {
    if (!input.rating) {
      setFieldErrors({ rating: '请选择满意、基本满意或不满意' });
      return null;
    }
    setBusy(true);
    setError(null);
    try {
      const comment = input.comment.trim();
      return await rateTicket(trackingNo, { rating: input.rating, reopen: input.reopen, ...(comment ? { comment } : {}) });
    } catch (e) {
      const issues = e instanceof ApiError && e.code === ErrorCode.validation ? issuesOf(e.details) : [];
      if (issues.length) setFieldErrors(Object.fromEntries(issues.map((i) => [i.field, i.message])));
      setError(messageOf(e));
      return null;
    } finally {
      setBusy(false);
    }
  }, [input, trackingNo]);

  return { input, setInput, busy, error, fieldErrors, submit };
}
