import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { MeetingOpinion } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Field, TextArea } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import { formatDateTime } from '@/utils/format';
import type { UseMeetingWork } from '../hooks/useMeetingWork';
import { Section } from './DetailParts';

/** 列席意见 with a reply box each: replies are public and may be changed. */
export function MeetingOpinions({ work }: { work: UseMeetingWork }) {
  const { state } = work.detail;
  const opinions = state.status === 'ok' ? state.data.item.opinions : [];
  return (
    <Section level={2} title={`列席意见（${opinions.length}）`} testId='meeting-opinions'>
      {state.status === 'error' ? (
        <InlineMessage tone='error' testId='meeting-opinions-error'>
          {`列席意见加载失败：${state.message}`}
        </InlineMessage>
      ) : opinions.length ? (
        opinions.map((o) => <OpinionRow key={o.id} o={o} work={work} />)
      ) : (
        <Text className='desk-section__note'>会议开始后，已确认参加的列席人员可以提交意见。</Text>
      )}
    </Section>
  );
}

function OpinionRow({ o, work }: { o: MeetingOpinion; work: UseMeetingWork }) {
  const [text, setText] = useState(o.reply?.text ?? '');
  const state = work.actions[`reply:${o.id}`];
  return (
    <View className='desk-row' data-testid='staff-opinion' data-replied={String(Boolean(o.reply))}>
      <Text className='desk-row__meta'>
        {o.name} · {o.categoryLabel} · {formatDateTime(o.submittedAt)}
      </Text>
      <Text className='desk-row__title'>{o.text}</Text>
      <Field name={`reply-${o.id}`} label={o.reply ? `答复（${formatDateTime(o.reply.repliedAt)}，可修改）` : '答复（公开）'}>
        <TextArea value={text} maxlength={2000} placeholder='写明采纳情况或理由' onInput={(e) => setText(e.detail.value)} testId='reply-input' />
      </Field>
      <AppButton loading={state?.busy} testId='reply-save' onClick={() => void work.reply(o.id, text)}>
        {o.reply ? '修改答复' : '公开答复'}
      </AppButton>
      {state?.message ? (
        <InlineMessage tone={state.tone} testId='reply-result'>
          {state.message}
        </InlineMessage>
      ) : null}
    </View>
  );
}
