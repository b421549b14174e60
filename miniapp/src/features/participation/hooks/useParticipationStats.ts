import { useState } from 'react';
import type { ParticipationStats } from '@zwgk/contracts';
import { useRemote, type UseRemote } from '@/hooks';
import { getParticipationStats } from '../api';

export interface UseParticipationStats {
  stats: UseRemote<ParticipationStats>;
  /** The year asked for; undefined = the BFF's default (the current year). */
  year: number | undefined;
  chooseYear: (year: number) => void;
}

/** The figures of one year; choosing another year loads it, keeping the page. */
export function useParticipationStats(): UseParticipationStats {
  const [year, setYear] = useState<number | undefined>(undefined);
  const stats = useRemote(() => getParticipationStats(year), [year]);
  return { stats, year, chooseYear: setYear };
}
