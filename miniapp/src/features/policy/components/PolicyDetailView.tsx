import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Tag } from '@/components/Tag';
import { useRemote } from '@/hooks';
import { formatDate } from '@/utils/format';
import { fetchPolicy } from '../api';
import { openInterpretation, openQa } from '../navigation';
import { rememberViewed } from '../lib/recent';
import { statusLabels } from '../lib/text';
import { DetailFrame, LinkRow, Paragraphs, Section, ValidityBanner, ValidityTag } from './common';

const QA_PREVIEW = 5;

/** 政策文件详情: 文号, issuer, dates, validity banner, its interpretations and Q&As, and the full text. */
export function PolicyDetailView({ id }: { id: string }) {
  const res = useRemote(() => fetchPolicy(id), [id]);
  const [allQas, setAllQas] = useState(false);
  const loaded = res.state.status === 'ok' ? res.state.data.item : null;
  useEffect(() => {
    if (loaded) rememberViewed({ kind: 'policy', id: loaded.id, title: loaded.title });
  }, [loaded]);

  return (
    <DetailFrame testId='policy-detail' state={res.state} reload={res.reload} notFoundText='没有找到这份政策文件'>
      {({ item }) => (
        <>
          <View className='pol-head'>
            <Text className='pol-head__title' data-testid='policy-title'>
              {item.title}
            </Text>
            <View className='pol-head__tags'>
              <ValidityTag status={item.status} />
              {item.topics.map((t) => (
                <Tag key={t}>{t}</Tag>
              ))}
            </View>
            <View className='pol-meta'>
              {item.docNo ? <MetaRow label='文号' value={item.docNo} /> : null}
              <MetaRow label='发布机构' value={item.issuer} />
              <MetaRow label='发布日期' value={formatDate(item.publishedAt)} />
              <MetaRow label='有效性' value={item.status === 'in_force' || !item.supersededBy ? statusLabels[item.status] : `${statusLabels[item.status]}（已有新政策替代）`} />
            </View>
          </View>
          <ValidityBanner policy={item} subject='policy' />
          {item.interpretations.length ? (
            <Section title={`政策解读（${item.interpretations.length}）`} testId='policy-interpretations'>
              {item.interpretations.map((i) => (
                <LinkRow key={i.id} testId='policy-interpretation' text={i.title} onTap={() => openInterpretation(i.id)} />
              ))}
            </Section>
          ) : null}
          {item.qas.length ? (
            <Section title={`常见问答（${item.qas.length}）`} testId='policy-qas'>
              {(allQas ? item.qas : item.qas.slice(0, QA_PREVIEW)).map((q) => (
                <LinkRow key={q.id} testId='policy-qa' text={q.question} onTap={() => openQa(q.id)} />
              ))}
              {!allQas && item.qas.length > QA_PREVIEW ? (
                <View className='pol-more' data-testid='policy-qas-all' onClick={() => setAllQas(true)}>
                  <Text>查看全部 {item.qas.length} 条问答</Text>
                </View>
              ) : null}
            </Section>
          ) : null}
          <Section title='政策原文' testId='policy-text'>
            <Paragraphs items={item.paragraphs} />
            {item.sourceUrl ? <Text className='pol-source'>来源：{item.sourceUrl}</Text> : null}
          </Section>
        </>
      )}
    </DetailFrame>
  );
}

function MetaRow({ label, value }: { label: string; value: string }) {
  return (
    <View className='pol-meta__row'>
      <Text className='pol-meta__label'>{label}</Text>
      <Text className='pol-meta__value'>{value}</Text>
    </View>
  );
}
