import { useCallback, useRef, useState } from 'react';
import { CheckInRequest, type CheckInResponse, type StaffOpenDayList } from '@zwgk/contracts';
import { useRemote, type UseRemote } from '@/hooks';
import { canScanCode, messageOf, scanQrCode } from '@/services';
import { checkInAtSession, listStaffOpenDays } from '../api';
import type { SessionRef } from './useOpenDayDesk';

/** How many check-ins of this desk stay listed under the latest one. */
export const RECENT_CHECK_INS = 5;

export interface UseCheckIn {
  days: UseRemote<StaffOpenDayList>;
  session: SessionRef | null;
  chooseSession: (ref: SessionRef | null) => void;
  /** The code being typed, upper-cased without spaces. */
  code: string;
  setCode: (text: string) => void;
  /** Why the code was not accepted: the field's message or the server's (expired, another session, not confirmed). */
  error: string | null;
  busy: boolean;
  /** The latest check-in, shown large until the next one. */
  result: CheckInResponse | null;
  /** The ones before it, newest first. */
  recent: CheckInResponse[];
  /** Whether this build has a camera scanner (WeChat). */
  canScan: boolean;
  /** Checks in the typed code. */
  submitCode: () => Promise<void>;
  /** Opens the scanner and checks in what it read. */
  scan: () => Promise<void>;
}

/** The 8-character code as staff type it: spaces dropped, letters upper-cased. */
export function normaliseCode(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * 现场签到 at one session: the QR code scanned in WeChat, or the 8-character code typed (the only
 * way in H5). Each answer shows large (签到成功 or 已签到过, masked name, party size); a refusal
 * (expired code, another session, not confirmed) shows the server's words.
 */
export function useCheckIn(initial: SessionRef | null): UseCheckIn {
  const days = useRemote(listStaffOpenDays, []);
  const [session, setSession] = useState<SessionRef | null>(initial);
  const [code, setCodeState] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckInResponse | null>(null);
  const [recent, setRecent] = useState<CheckInResponse[]>([]);
  const busyRef = useRef(false);
  const resultRef = useRef<CheckInResponse | null>(null);
  const showResult = useCallback((answer: CheckInResponse | null) => {
    const prev = resultRef.current;
    if (prev) setRecent((list) => [prev, ...list].slice(0, RECENT_CHECK_INS));
    resultRef.current = answer;
    setResult(answer);
  }, []);

  const chooseSession = useCallback((ref: SessionRef | null) => {
    setSession(ref);
    resultRef.current = null;
    setResult(null);
    setRecent([]);
    setError(null);
  }, []);

  const setCode = useCallback((text: string) => {
    setCodeState(normaliseCode(text));
    setError(null);
  }, []);

  const send = useCallback(
    async (raw: string): Promise<boolean> => {
      if (!session || busyRef.current) return false;
      const parsed = CheckInRequest.safeParse({ code: raw });
      if (!parsed.success) {
        setError(parsed.error.issues[0]?.message ?? '签到码格式不正确');
        return false;
      }
      busyRef.current = true;
      setBusy(true);
      setError(null);
      try {
        const answer = await checkInAtSession(session.id, session.sessionId, parsed.data.code);
        showResult(answer);
        return true;
      } catch (e) {
        showResult(null);
        setError(messageOf(e));
        return false;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [session, showResult],
  );

  const submitCode = useCallback(async () => {
    if (!code) {
      setError('请输入 8 位签到码');
      return;
    }
    if (await send(code)) setCodeState('');
  }, [code, send]);

  const scan = useCallback(async () => {
    const text = await scanQrCode();
    if (text) await send(text);
  }, [send]);

  return { days, session, chooseSession, code, setCode, error, busy, result, recent, canScan: canScanCode(), submitCode, scan };
}
