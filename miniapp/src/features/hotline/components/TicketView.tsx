import { Image, Text, View } from '@tarojs/components';
import type { HotlineTicketDetail } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { LoginPrompt } from '@/components/LoginPrompt';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { mediaUrl } from '@/services';
import { formatDateTime } from '@/utils/format';
import type { UseRemote } from '@/hooks';
import { statusSteps } from '../lib/labels';
import { hotlinePages, openPage } from '../navigation';
import { DeadlineCard } from './DeadlineCard';
import './hotline.scss';

/** A ticket's progress like a parcel tracker: the five steps, every timeline entry, the deadline and the rating. */
export function TicketView({ ticket }: { ticket: UseRemote<HotlineTicketDetail> }) {
  const { state } = ticket;
  if (state.status === 'loading') {
    return (
      <View className='page' data-testid='ticket' data-state='loading'>
        <Skeleton rows={4} />
      </View>
    );
  }
  if (state.status === 'error' && state.httpStatus === 401) {
    return (
      <View className='page' data-testid='ticket' data-state='signed-out'>
        <LoginPrompt testId='ticket-login' title='登录后查看诉求办理进度' description='诉求只对提交它的本人显示。登录完成会回到这件诉求。' />
      </View>
    );
  }
  if (state.status === 'error') {
    const missing = state.httpStatus === 404;
    return (
      <View className='page' data-testid='ticket' data-state='error'>
        <StatusView
          testId='ticket-error'
          glyph={missing ? '?' : '!'}
          tone='warn'
          title={missing ? '没有找到这件诉求' : '办理进度加载失败'}
          description={missing ? '诉求编号有误，或它不是您提交的。' : state.message}
          actionText={missing ? undefined : '重试'}
          onAction={missing ? undefined : ticket.reload}
        />
      </View>
    );
  }
  const t = state.data;
  return (
    <View className='page hl-ticket' data-testid='ticket' data-state='ok' data-status={t.status}>
      <View className='hl-card'>
        <View className='hl-row__head'>
          <Tag tone='info'>{t.typeLabel}</Tag>
          <Text className={`hl-status hl-status--${t.status}`} data-testid='ticket-status'>
            {t.status === 'submitted' && !t.forwardFailed ? '已提交，正在转交' : t.statusLabel}
          </Text>
        </View>
        <Text className='hl-ticket__title'>{t.title}</Text>
        <Text className='hl-ticket__meta'>诉求编号 {t.trackingNo}</Text>
        {t.caseTicketNo ? <Text className='hl-ticket__meta'>12345 工单号 {t.caseTicketNo}</Text> : null}
        {t.department ? <Text className='hl-ticket__meta'>承办部门 {t.department}</Text> : null}
        {state.refreshing ? <Text className='hl-ticket__meta'>正在刷新…</Text> : null}
      </View>

      <Steps ticket={t} />

      {t.deadline ? <DeadlineCard deadline={t.deadline} receivedAt={state.receivedAt} /> : <Text className='hl-hint-card'>12345 受理后将显示办理时限。</Text>}

      {t.rating ? (
        <View className='hl-card' data-testid='ticket-rating'>
          <Text className='hl-card__title'>我的评价</Text>
          <Text className='hl-ticket__rating'>{t.rating.ratingLabel}</Text>
          {t.rating.comment ? <Text className='hl-ticket__text'>{t.rating.comment}</Text> : null}
          <Text className='hl-ticket__meta'>
            {formatDateTime(t.rating.ratedAt)}
            {t.rating.reopenRequested ? ' · 已申请重办' : ''}
          </Text>
        </View>
      ) : null}
      {t.canRate ? (
        <AppButton className='hl-ticket__action' onClick={() => openPage(hotlinePages.rate(t.trackingNo))} testId='open-rate'>
          评价办理结果
        </AppButton>
      ) : null}

      <View className='hl-card'>
        <Text className='hl-card__title'>办理记录</Text>
        <View className='hl-timeline' data-testid='timeline'>
          {t.timeline
            .slice()
            .reverse()
            .map((entry, i) => (
              <View key={`${entry.status}-${entry.at}`} className={`hl-timeline__item ${i === 0 ? 'hl-timeline__item--latest' : ''}`} data-testid='timeline-entry' data-status={entry.status}>
                <View className='hl-timeline__dot' />
                <View className='hl-timeline__body'>
                  <Text className='hl-timeline__status'>{entry.statusLabel}</Text>
                  <Text className='hl-timeline__note'>{entry.note}</Text>
                  <Text className='hl-timeline__meta'>
                    {formatDateTime(entry.at)}
                    {entry.department ? ` · ${entry.department}` : ''}
                  </Text>
                </View>
              </View>
            ))}
        </View>
      </View>

      <View className='hl-card'>
        <Text className='hl-card__title'>诉求内容</Text>
        <Text className='hl-ticket__text'>{t.description}</Text>
        {t.location ? <Text className='hl-ticket__meta'>地点：{t.location.address}</Text> : null}
        {t.photos.length ? (
          <View className='hl-photos'>
            {t.photos.map((p) => (
              <View key={p.id} className='hl-photo'>
                <Image className='hl-photo__img' src={mediaUrl(p.url)} mode='aspectFill' />
              </View>
            ))}
          </View>
        ) : null}
        <Text className='hl-ticket__meta'>
          联系电话：{t.contactPhoneMasked ?? '未留'} · {t.contactAllowed ? '同意电话联系' : '不需要电话联系'}
          {t.anonymous ? ' · 不公开个人信息' : ''}
        </Text>
      </View>
    </View>
  );
}

/** The five steps, each done (with its time and department), current, or still to come. */
function Steps({ ticket }: { ticket: HotlineTicketDetail }) {
  const reached = statusSteps.map((step) => [...ticket.timeline].reverse().find((e) => e.status === step.status) ?? null);
  const currentIndex = statusSteps.findIndex((s) => s.status === ticket.status);
  return (
    <View className='hl-card hl-steps' data-testid='steps'>
      {statusSteps.map((step, i) => {
        const entry = reached[i];
        const done = currentIndex >= i && entry !== null;
        return (
          <View key={step.status} className={`hl-step ${done ? 'hl-step--done' : ''} ${i === currentIndex ? 'hl-step--current' : ''}`} data-testid='step' data-done={done}>
            <View className='hl-step__dot'>
              <Text>{done ? '✓' : i + 1}</Text>
            </View>
            <Text className='hl-step__label'>{step.label}</Text>
            <Text className='hl-step__time'>{done && entry ? formatDateTime(entry.at) : ''}</Text>
            {done && entry?.department ? <Text className='hl-step__dept'>{entry.department}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
