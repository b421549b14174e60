import type { ConsultationDetailResponse, ConsultationListResponse, ConsultationReportResponse } from '@zwgk/contracts';
import { useRemote, type UseRemote } from '@/hooks';
import { getConsultation, getReport, listConsultations } from '../api';

/** The consultations of the 参与 tab, ordered by the server (征求中 first). */
export function useConsultationList(): UseRemote<ConsultationListResponse> {
  return useRemote(() => listConsultations(), []);
}

/** One consultation with its articles and their published comment counts. */
export function useConsultation(id: string): UseRemote<ConsultationDetailResponse> {
  return useRemote(() => getConsultation(id), [id]);
}

/** The published adoption report (404 until it is published). */
export function useReport(id: string): UseRemote<ConsultationReportResponse> {
  return useRemote(() => getReport(id), [id]);
}
