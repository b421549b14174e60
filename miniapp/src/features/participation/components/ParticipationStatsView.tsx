import { Text, View } from '@tarojs/components';
import type { Figure, ParticipationStats } from '@zwgk/contracts';
import { PageHeader } from '@/components/PageHeader';
import { panelTexts } from '@/components/Panel';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatCount, formatDateTime, formatRate } from '@/utils/format';
import type { UseParticipationStats } from '../hooks/useParticipationStats';
import './participation.scss';

/** A ratio with what it rests on: 84.4%（81/96）; — with 暂无数据 when nothing to divide by. */
export function figureText(f: Figure, digits?: 'ratio'): string {
  if (f.value === null || !f.denominator) return '—（暂无数据）';
  const main = digits === 'ratio' ? `${(Math.round(f.value * 10) / 10).toString()}` : formatRate(f.value);
  return `${main}（${formatCount(f.numerator ?? 0)}/${formatCount(f.denominator)}）`;
}

/**
 * 公开参与数据: per year, open days held per host with their sign-ups and attendance, and the
 * meetings that had observers against the yearly minimum of four, observers per category and
 * applications per seat. Every figure states its definition and denominator.
 */
export function ParticipationStatsView({ stats, year, chooseYear }: UseParticipationStats) {
  const { state } = stats;
  return (
    <View className='page pt-page' data-testid='participation-stats' data-state={state.status}>
      <PageHeader title='公开参与数据' subtitle='政府开放日与列席会议的年度情况' />
      {state.status === 'loading' ? <Skeleton rows={5} /> : null}
      {state.status === 'error' ? (
        <StatusView testId='participation-stats-error' glyph='!' tone='warn' title='数据加载失败' description={state.message} actionText='重试' onAction={stats.reload} />
      ) : null}
      {state.status === 'ok' ? <Figures data={state.data} year={year ?? state.data.year} chooseYear={chooseYear} refreshing={state.refreshing} /> : null}
    </View>
  );
}

function Figures({ data, year, chooseYear, refreshing }: { data: ParticipationStats; year: number; chooseYear: (y: number) => void; refreshing: boolean }) {
  const years = data.years.includes(data.year) ? data.years : [data.year, ...data.years];
  return (
    <>
      <View className='pt-years' role='group' aria-label='选择年份' data-testid='participation-years'>
        {years.map((y) => (
          <View
            key={y}
            className={`pt-year${y === year ? ' pt-year--on' : ''}`}
            role='button'
            aria-pressed={y === year}
            data-testid='participation-year'
            onClick={() => y !== year && chooseYear(y)}
          >
            {y}年
          </View>
        ))}
      </View>
      {refreshing ? <Text className='pt-muted'>正在更新…</Text> : null}
      <OpenDayFigures data={data} />
      <MeetingFigures data={data} />
      <View className='pt-card' data-testid='participation-definitions'>
        <View className='pt-card__title' role='heading' aria-level={2}>
          统计口径
        </View>
        {[...data.openDays.definitions, ...data.meetings.definitions].map((d) => (
          <View key={d.term} className='pt-definition'>
            <Text className='pt-definition__term'>{d.term}</Text>
            <Text className='pt-definition__text'>{d.definition}</Text>
          </View>
        ))}
        <View className='pt-definition'>
          <Text className='pt-definition__term'>到场率</Text>
          <Text className='pt-definition__text'>{data.openDays.totals.attendanceRate.definition}</Text>
        </View>
        <View className='pt-definition'>
          <Text className='pt-definition__term'>名额使用率</Text>
          <Text className='pt-definition__text'>{data.openDays.totals.fillRate.definition}</Text>
        </View>
        <View className='pt-definition'>
          <Text className='pt-definition__term'>每席申请数</Text>
          <Text className='pt-definition__text'>{data.meetings.applicationsPerSeat.definition}</Text>
        </View>
        <Text className='pt-muted'>数据生成于 {formatDateTime(data.generatedAt)}；年份按北京时间的场次或会议开始时间计。</Text>
      </View>
    </>
  );
}

function SectionNotice({ status }: { status: 'ok' | 'stale' | 'unavailable' }) {
  if (status === 'ok') return null;
  return (
    <View className='pt-notice' data-testid='participation-notice'>
      <Text>{status === 'stale' ? panelTexts.stale : '活动信息暂时无法获取，以下数据可能不完整，请稍后再试。'}</Text>
    </View>
  );
}

function OpenDayFigures({ data }: { data: ParticipationStats }) {
  const od = data.openDays;
  return (
    <View className='pt-card' data-testid='participation-open-days'>
      <View className='pt-card__title' role='heading' aria-level={2}>
        政府开放日
      </View>
      <SectionNotice status={od.status} />
      <View className='pt-totals'>
        <Total label='举办开放日' value={`${formatCount(od.totals.held)}个`} note={`共 ${formatCount(od.totals.sessions)} 场`} />
        <Total label='报名人数' value={`${formatCount(od.totals.signUps)}人`} note={`名额 ${formatCount(od.totals.places)}`} />
        <Total label='到场人数' value={`${formatCount(od.totals.attended)}人`} note={`到场率 ${figureText(od.totals.attendanceRate)}`} />
      </View>
      {od.hosts.length ? (
        <View className='pt-table' role='table' aria-label='各主办单位开放日情况' data-testid='participation-hosts'>
          <View className='pt-table__row pt-table__row--head' role='row'>
            <View className='pt-table__cell pt-table__cell--wide' role='columnheader'>主办单位</View>
            <View className='pt-table__cell' role='columnheader'>举办/场次</View>
            <View className='pt-table__cell' role='columnheader'>报名/名额</View>
            <View className='pt-table__cell' role='columnheader'>到场率</View>
          </View>
          {od.hosts.map((h) => (
            <View key={h.host} className='pt-table__row' role='row' data-testid='participation-host-row'>
              <View className='pt-table__cell pt-table__cell--wide' role='cell'>{h.host}</View>
              <View className='pt-table__cell' role='cell'>
                {h.held}/{h.sessions}
              </View>
              <View className='pt-table__cell' role='cell'>
                {formatCount(h.signUps)}/{formatCount(h.places)}
              </View>
              <View className='pt-table__cell' role='cell'>{figureText(h.attendanceRate)}</View>
            </View>
          ))}
        </View>
      ) : (
        <Text className='pt-muted' data-testid='participation-hosts-empty'>
          {data.year}年暂无已举办的开放日。
        </Text>
      )}
    </View>
  );
}

function MeetingFigures({ data }: { data: ParticipationStats }) {
  const m = data.meetings;
  return (
    <View className='pt-card' data-testid='participation-meetings'>
      <View className='pt-card__title' role='heading' aria-level={2}>
        列席会议
      </View>
      <SectionNotice status={m.status} />
      <View className='pt-minimum' data-testid='participation-minimum'>
        <Text className='pt-minimum__value'>
          有列席人员的会议 {m.withObservers} 次
        </Text>
        <Tag tone={m.meetsMinimum ? 'info' : 'accent'}>{m.meetsMinimum ? `已达到每年至少 ${m.yearlyMinimum} 次` : `未达到每年至少 ${m.yearlyMinimum} 次`}</Tag>
        <Text className='pt-muted'>
          当年召开的可列席会议 {m.held} 次；每席申请数 {figureText(m.applicationsPerSeat, 'ratio')}
        </Text>
      </View>
      <View className='pt-table' role='table' aria-label='各类别列席情况' data-testid='participation-categories'>
        <View className='pt-table__row pt-table__row--head' role='row'>
          <View className='pt-table__cell' role='columnheader'>类别</View>
          <View className='pt-table__cell' role='columnheader'>名额</View>
          <View className='pt-table__cell' role='columnheader'>申请</View>
          <View className='pt-table__cell' role='columnheader'>列席</View>
          <View className='pt-table__cell pt-table__cell--wide' role='columnheader'>每席申请</View>
        </View>
        {m.categories.map((c) => (
          <View key={c.category} className='pt-table__row' role='row' data-testid='participation-category-row'>
            <View className='pt-table__cell' role='cell'>{c.label}</View>
            <View className='pt-table__cell' role='cell'>{formatCount(c.seats)}</View>
            <View className='pt-table__cell' role='cell'>{formatCount(c.applications)}</View>
            <View className='pt-table__cell' role='cell'>{formatCount(c.observers)}</View>
            <View className='pt-table__cell pt-table__cell--wide' role='cell'>{figureText(c.applicationsPerSeat, 'ratio')}</View>
          </View>
        ))}
      </View>
    </View>
  );
}

function Total({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <View className='pt-total'>
      <Text className='pt-total__value'>{value}</Text>
      <Text className='pt-total__label'>{label}</Text>
      <Text className='pt-total__note'>{note}</Text>
    </View>
  );
}
