import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ConsultationReport, ConsultationReportResponse, ReportPoint } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { InlineMessage } from '@/components/InlineMessage';
import { PageHeader } from '@/components/PageHeader';
import { Tag } from '@/components/Tag';
import type { UseRemote } from '@/hooks';
import { messageOf } from '@/services';
import { formatDate } from '@/utils/format';
import { downloadReportCsv } from '../api';
import { periodOf, shareText } from '../lib/labels';
import { RemoteGate } from '@/components/RemoteGate';
import './consultations.scss';

/**
 * 意见采纳情况: what was received, published and withheld (by reason), each disposition's count
 * and share of the published comments, the counts per article, every 意见要点 with its
 * disposition and reason, and the points many citizens made that were not adopted.
 */
export function ReportView({ remote }: { remote: UseRemote<ConsultationReportResponse> }) {
  return (
    <RemoteGate
      testId='report'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='采纳情况加载失败'
      notFound={{ title: '采纳情况尚未公布', description: '征求期结束后，起草部门会处理每条意见并公布采纳情况，公布后可在这里查看。' }}
    >
      {({ report }) => <Report report={report} />}
    </RemoteGate>
  );
}

function Report({ report: r }: { report: ConsultationReport }) {
  return (
    <View className='page cs-page' data-testid='report' data-state='ok'>
      <PageHeader title='意见采纳情况' subtitle={r.title} />
      <View className='cs-card'>
        <Text className='cs-fact'>起草单位：{r.issuer}</Text>
        <Text className='cs-fact'>征求期：{periodOf(r)}</Text>
        <Text className='cs-fact' data-testid='report-published'>
          公布日期：{formatDate(r.publishedAt)}
        </Text>
      </View>

      <View className='cs-card' data-testid='report-counts'>
        <Heading>意见收集情况</Heading>
        <Figure label='收到意见' value={`${r.received} 条`} />
        <Figure label='审核后公开' value={`${r.published} 条`} />
        <Figure label='未予公开' value={`${r.withheld.total} 条`} />
        {r.withheld.byReason.filter((w) => w.count > 0).map((w) => (
          <Figure key={w.reason} label={`　其中${w.label}`} value={`${w.count} 条`} />
        ))}
        <Figure label='提交人撤回' value={`${r.withdrawn} 条`} />
      </View>

      <View className='cs-card' data-testid='report-dispositions'>
        <Heading>处理结果</Heading>
        <Text className='cs-muted'>占比 = 该类意见数 / 公开意见总数</Text>
        {r.dispositions.map((d) => (
          <Figure key={d.disposition} label={d.label} value={`${d.count} 条 · ${shareText(d.share)}`} testId={`share-${d.disposition}`} />
        ))}
      </View>

      {r.majorPointsNotAdopted.length ? (
        <View className='cs-card' data-testid='report-major'>
          <Heading>{`${r.majorPointThreshold} 人及以上提出、未采纳的意见`}</Heading>
          {r.majorPointsNotAdopted.map((p) => (
            <PointRow key={p.id} point={p} />
          ))}
        </View>
      ) : null}

      <View className='cs-card' data-testid='report-points'>
        <Heading>意见要点及处理</Heading>
        {r.points.length ? r.points.map((p) => <PointRow key={p.id} point={p} />) : <Text className='cs-hint'>本次未归纳意见要点，各条意见已分别处理。</Text>}
      </View>

      <View className='cs-card' data-testid='report-articles'>
        <Heading>各条款意见</Heading>
        {r.byArticle.map((a) => (
          <View key={a.articleNo ?? 'whole'} className='cs-by-article'>
            <Text className='cs-by-article__label'>
              {a.label}：公开意见 {a.published} 条
            </Text>
            <Text className='cs-muted'>
              {a.dispositions
                .filter((d) => d.count > 0)
                .map((d) => `${d.label} ${d.count}`)
                .join('，') || '—'}
            </Text>
          </View>
        ))}
      </View>

      <Download id={r.consultationId} />
    </View>
  );
}

function Heading({ children }: { children: string }) {
  return (
    <View className='cs-card__title' role='heading' aria-level={2}>
      {children}
    </View>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className='cs-figure' data-testid={testId}>
      <Text className='cs-figure__label'>{label}</Text>
      <Text className='cs-figure__value'>{value}</Text>
    </View>
  );
}

function PointRow({ point: p }: { point: ReportPoint }) {
  return (
    <View className='cs-point' data-testid='report-point'>
      <View className='cs-row__head'>
        <Text className='cs-point__title'>{p.title}</Text>
        <Tag tone={p.disposition === 'adopted' || p.disposition === 'partly_adopted' ? 'info' : 'plain'}>{p.dispositionLabel}</Tag>
      </View>
      <Text className='cs-muted'>
        {p.commenterCount} 人提出，共 {p.commentCount} 条意见
      </Text>
      {p.reason ? <Text className='cs-text'>理由：{p.reason}</Text> : null}
    </View>
  );
}

function Download({ id }: { id: string }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const save = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const done = await downloadReportCsv(id);
      setOutcome(
        done === 'unavailable'
          ? { tone: 'error', text: '文件已下载，但本设备无法打开或转发，请在电脑上访问政府门户网站下载' }
          : { tone: 'ok', text: done === 'shared' ? '已发送，可在电脑上打开' : '已开始下载 CSV 文件' },
      );
    } catch (error) {
      setOutcome({ tone: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='cs-actions'>
      <AppButton variant='secondary' loading={busy} testId='download-report' onClick={() => void save()}>
        下载采纳情况（CSV）
      </AppButton>
      {outcome ? <InlineMessage tone={outcome.tone} testId='download-outcome'>{outcome.text}</InlineMessage> : null}
    </View>
  );
}
