import { Image, Text, View } from '@tarojs/components';
import { HOTLINE_RATING_LABELS, type HotlineStaffTicketDetail } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { InlineMessage } from '@/components/InlineMessage';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { mediaUrl } from '@/services';
import { formatDateTime } from '@/utils/format';
import type { UseHotlineDesk } from '../hooks/useHotlineDesk';
import { Row, Rows, Section } from './DetailParts';
import { forwardLabels } from './DeskFilters';

/** The selected ticket in full: what the citizen wrote, who they are (hidden from the department), forwarding and progress. */
export function DeskDetail({ desk }: { desk: UseHotlineDesk }) {
  const { state } = desk.detail;
  return (
    <View className='desk-detail' data-testid='desk-detail' data-state={state.status}>
      <Text className='desk-link desk-detail__back' data-testid='desk-back' onClick={() => desk.select(null)}>
        ‹ 返回列表
      </Text>
      {state.status === 'loading' ? (
        <Skeleton rows={3} />
      ) : state.status === 'error' ? (
        state.httpStatus === 404 ? (
          <StatusView testId='desk-detail-missing' glyph='?' title='没有找到这件诉求' description='编号可能有误，或诉求已被删除。' />
        ) : (
          <StatusView testId='desk-detail-error' glyph='!' tone='warn' title='诉求详情加载失败' description={state.message} actionText='重试' onAction={desk.detail.reload} />
        )
      ) : state.data ? (
        <TicketDetail ticket={state.data} desk={desk} />
      ) : null}
    </View>
  );
}

function TicketDetail({ ticket, desk }: { ticket: HotlineStaffTicketDetail; desk: UseHotlineDesk }) {
  const { forwarding } = ticket;
  return (
    <View className='desk-detail__body'>
      <View className='desk-detail__title' role='heading' aria-level={2}>
        {ticket.title}
      </View>
      <View className='desk-row__tags'>
        <Tag tone='info'>{ticket.typeLabel}</Tag>
        <Tag>{ticket.statusLabel}</Tag>
        {ticket.deadline?.overdue ? <Tag tone='accent'>已超期</Tag> : null}
      </View>
      <Rows>
        <Row label='诉求编号' value={ticket.trackingNo} testId='desk-detail-no' />
        <Row label='工单编号' value={ticket.caseTicketNo ?? '尚未受理'} />
        <Row label='提交时间' value={formatDateTime(ticket.submittedAt)} />
        <Row label='承办部门' value={ticket.department ?? '尚未派单'} />
        {ticket.deadline ? <Row label='办理时限' value={`${formatDateTime(ticket.deadline.dueAt)}${ticket.deadline.overdue ? '（已超期）' : ''}`} /> : null}
        {ticket.location ? <Row label='事发地点' value={ticket.location.address} /> : null}
      </Rows>
      <Text className='desk-detail__desc'>{ticket.description}</Text>
      {ticket.photos.length ? (
        <View className='desk-photos'>
          {ticket.photos.map((p, i) => (
            <Image key={p.id} className='desk-photos__img' src={mediaUrl(p.url)} mode='aspectFill' aria-label={`现场图片 ${i + 1}`} />
          ))}
        </View>
      ) : null}

      <Section title='身份信息（仅热线工作人员可见）' testId='desk-identity' tone='private'>
        <Text className='desk-section__note'>
          {ticket.anonymous ? '市民选择了“不公开个人信息”：承办部门看不到以下内容，需要联系时由热线工作人员转达。' : '市民未要求不公开个人信息；承办部门看到的电话号码部分隐藏。'}
        </Text>
        <Rows>
          <Row label='联系人' value={ticket.contactName ?? '未填写'} testId='desk-contact-name' />
          <Row label='联系电话' value={ticket.contactPhone ?? '未填写'} testId='desk-contact-phone' />
          <Row label='同意电话联系' value={ticket.contactAllowed ? '同意' : '不同意'} />
          <Row label='用户编号' value={ticket.userId} />
        </Rows>
      </Section>

      <Section title='转交 12345 工单系统' testId='desk-forwarding'>
        <Rows>
          <Row label='转交状态' value={forwardLabels[forwarding.state]} testId='desk-forward-state' />
          <Row label='尝试次数' value={String(forwarding.attempts)} />
          {forwarding.deliveredAt ? <Row label='转交时间' value={formatDateTime(forwarding.deliveredAt)} /> : null}
          {forwarding.failedAt ? <Row label='放弃时间' value={formatDateTime(forwarding.failedAt)} /> : null}
          {forwarding.lastError ? <Row label='最近错误' value={forwarding.lastError} /> : null}
        </Rows>
        {forwarding.state === 'failed' ? (
          <AppButton className='desk-detail__action' loading={desk.requeueState.busy} onClick={() => void desk.requeue()} testId='desk-requeue'>
            重新转交
          </AppButton>
        ) : null}
        {desk.requeueState.message ? (
          <InlineMessage tone={desk.requeueState.tone} testId='desk-requeue-result'>
            {desk.requeueState.message}
          </InlineMessage>
        ) : null}
      </Section>

      <Section title='办理过程' testId='desk-timeline'>
        {ticket.timeline.map((e, i) => (
          <View key={`${e.status}-${i}`} className='desk-step'>
            <Text className='desk-step__head'>
              {e.statusLabel} · {formatDateTime(e.at)}
            </Text>
            <Text className='desk-step__note'>{[e.department, e.note].filter(Boolean).join('：')}</Text>
          </View>
        ))}
        {ticket.rating ? (
          <Text className='desk-step__note' data-testid='desk-rating'>
            市民评价：{HOTLINE_RATING_LABELS[ticket.rating.rating]}
            {ticket.rating.comment ? `，“${ticket.rating.comment}”` : ''}
          </Text>
        ) : null}
      </Section>
    </View>
  );
}
