import { Text, View } from '@tarojs/components';
import type { ConsultationReport, ReportPoint, ReportShare, StaffConsultation } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { InlineMessage } from '@/components/InlineMessage';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import type { UseReportPreview } from '../hooks/useReportPreview';
import { openPage, publicConsultationPage, workbenchPages } from '../navigation';
import { Row, Rows, Section } from './DetailParts';
import { StaffPage } from './StaffPage';

/** A share as the report states it: numerator / denominator and the percentage. */
export function shareText(s: ReportShare): string {
  return `${s.numerator} / ${s.denominator}${s.value === null ? '' : `（${(s.value * 100).toFixed(1)}%）`}`;
}

/** 意见采纳情况: the preview with the working days since the close, 发布采纳情况, then the link to the public report. */
export function ReportPreview({ preview }: { preview: UseReportPreview }) {
  const { overview, report } = preview;
  const o = overview.state.status === 'ok' ? overview.state.data : null;
  const r = report.state.status === 'ok' ? report.state.data.report : null;
  const main = overview.state.status === 'error' ? overview.state : report.state.status === 'error' ? report.state : null;
  return (
    <StaffPage testId='report' className='desk report-preview' state={report.state.status} error={main} title='意见采纳情况' subtitle={o?.title}>
      {main && main.httpStatus === 404 ? (
        <StatusView testId='report-missing' glyph='?' title='没有找到这次意见征集' description='编号可能有误，或征集已被撤下。' />
      ) : main ? (
        <StatusView
          testId='report-error'
          glyph='!'
          tone='warn'
          title='采纳情况加载失败'
          description={main.message}
          actionText='重试'
          onAction={() => {
            overview.reload();
            report.reload();
          }}
        />
      ) : !o || !r ? (
        <Skeleton rows={4} />
      ) : (
        <>
          <PublishBar preview={preview} o={o} r={r} />
          <ReportBody r={r} />
        </>
      )}
    </StaffPage>
  );
}

function PublishBar({ preview, o, r }: { preview: UseReportPreview; o: StaffConsultation; r: ConsultationReport }) {
  const published = r.publishedAt ?? o.reportPublishedAt;
  return (
    <View className='desk-detail__body report-bar' data-testid='report-status'>
      <View className='desk-row__tags'>
        <Tag tone={published ? 'info' : 'accent'}>{published ? '已公布' : '预览（未公布）'}</Tag>
        {published ? null : <Tag>{o.phaseLabel}</Tag>}
      </View>
      <Rows>
        <Row label='征求期' value={`${formatDateTime(r.opensAt)} 至 ${formatDateTime(r.closesAt)}`} />
        <Row
          label='截止后工作日'
          value={o.workingDaysSinceClose === null ? '尚未截止' : (o.workingDaysExplanation ?? `已过 ${o.workingDaysSinceClose} 个工作日`)}
          testId='report-working-days'
        />
        <Row label='处置进度' value={`已处置 ${o.counts.disposed} / ${o.counts.approved} 条，未处置 ${o.counts.undisposed} 条，待审核 ${o.counts.pending} 条`} testId='report-progress' />
        {published ? <Row label='公布时间' value={formatDateTime(published)} testId='report-published-at' /> : null}
      </Rows>
      {published ? (
        <AppButton variant='secondary' className='desk-detail__action' onClick={() => openPage(publicConsultationPage(r.consultationId))} testId='report-public-link'>
          查看公开的采纳情况
        </AppButton>
      ) : (
        <>
          <AppButton className='desk-detail__action' loading={preview.publishState.busy} onClick={() => void preview.publish()} testId='report-publish'>
            发布采纳情况
          </AppButton>
          {!o.canPublish ? (
            <Text className='desk-section__note' data-testid='report-not-ready'>
              截止、审核完毕并且每条已公开意见都有处理意见后才能发布。
              <Text className='desk-link' onClick={() => openPage(workbenchPages.dispositions(r.consultationId))}>
                去处理意见 ›
              </Text>
            </Text>
          ) : null}
        </>
      )}
      {preview.publishState.message ? (
        <InlineMessage tone={preview.publishState.tone} testId='report-publish-result'>
          {preview.publishState.message}
        </InlineMessage>
      ) : null}
    </View>
  );
}

function ReportBody({ r }: { r: ConsultationReport }) {
  return (
    <View className='desk-detail__body report-body' data-testid='report-body'>
      <Section level={2} title='意见概况'>
        <Rows>
          <Row label='收到意见' value={`${r.received} 条`} testId='report-received' />
          <Row label='公开意见' value={`${r.published} 条`} testId='report-published' />
          <Row label='未予公开' value={`${r.withheld.total} 条${r.withheld.byReason.filter((w) => w.count).map((w) => `，${w.label} ${w.count} 条`).join('')}`} testId='report-withheld' />
          <Row label='已撤回' value={`${r.withdrawn} 条`} />
        </Rows>
      </Section>
      <Section level={2} title='处理意见（占公开意见的比例）'>
        <Rows>
          {r.dispositions.map((d) => (
            <Row key={d.disposition} label={d.label} value={`${d.count} 条，${shareText(d.share)}`} testId={`report-disposition-${d.disposition}`} />
          ))}
        </Rows>
      </Section>
      <Section level={2} title='按条款'>
        <Rows>
          {r.byArticle.map((a) => (
            <Row key={a.label} label={a.label} value={`公开 ${a.published} 条${a.dispositions.filter((d) => d.count).map((d) => `，${d.label} ${d.count} 条`).join('')}`} />
          ))}
        </Rows>
      </Section>
      <Section level={2} title='意见要点'>
        {r.points.length ? r.points.map((p) => <PointRow key={p.id} p={p} />) : <Text className='desk-section__note'>暂无意见要点</Text>}
      </Section>
      {r.majorPointsNotAdopted.length ? (
        <Section level={2} title={`${r.majorPointThreshold} 位及以上市民提出而未采纳的意见`} testId='report-major'>
          {r.majorPointsNotAdopted.map((p) => (
            <PointRow key={p.id} p={p} />
          ))}
        </Section>
      ) : null}
      <Text className='desk-section__note'>生成时间：{formatDateTime(r.generatedAt)}</Text>
    </View>
  );
}

function PointRow({ p }: { p: ReportPoint }) {
  return (
    <View className='desk-step'>
      <Text className='desk-step__head'>{p.title}</Text>
      <Text className='desk-step__note'>
        {p.dispositionLabel} · {p.commentCount} 条意见，{p.commenterCount} 位市民{p.reason ? `。理由：${p.reason}` : ''}
      </Text>
    </View>
  );
}
