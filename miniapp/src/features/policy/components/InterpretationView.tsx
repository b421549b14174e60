import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, Video, View } from '@tarojs/components';
import type { MediaItem } from '@zwgk/contracts';
import { Tag } from '@/components/Tag';
import { useRemote } from '@/hooks';
import { formatDate } from '@/utils/format';
import { fetchInterpretation } from '../api';
import { openQa } from '../navigation';
import { rememberViewed } from '../lib/recent';
import { DetailFrame, LinkRow, Paragraphs, PolicyLink, Section, ValidityBanner } from './common';

/** 政策解读: every structured part in its own section, 关键词诠释 as a glossary, media, and the policy one tap away. */
export function InterpretationView({ id }: { id: string }) {
  const res = useRemote(() => fetchInterpretation(id), [id]);
  const loaded = res.state.status === 'ok' ? res.state.data.item : null;
  useEffect(() => {
    if (loaded) rememberViewed({ kind: 'interpretation', id: loaded.id, title: loaded.title });
  }, [loaded]);

  return (
    <DetailFrame testId='interpretation-detail' state={res.state} reload={res.reload} notFoundText='没有找到这篇政策解读'>
      {({ item }) => (
        <>
          <View className='pol-head'>
            <Text className='pol-head__title'>{item.title}</Text>
            <View className='pol-head__tags'>
              <Tag tone='info'>政策解读</Tag>
              {item.media.length ? <Tag>{mediaLabel(item.media)}</Tag> : null}
              <Text className='pol-head__date'>{formatDate(item.publishedAt)}发布</Text>
            </View>
          </View>
          {item.policy ? <ValidityBanner policy={item.policy} subject='interpretation' /> : null}
          {item.policy ? <PolicyLink policy={item.policy} /> : null}
          {item.media.length ? (
            <Section title='图解与音视频' testId='section-media'>
              {item.media.map((m) => (
                <MediaBlock key={m.url} media={m} />
              ))}
            </Section>
          ) : null}
          <TextSection title='背景依据' testId='section-background' items={item.background} />
          <TextSection title='目标任务' testId='section-goals' items={item.goals} />
          {item.mainPoints.length ? (
            <Section title='主要内容' testId='section-main-points'>
              {item.mainPoints.map((p, n) => (
                <View key={n} className='pol-point'>
                  <Text className='pol-point__no'>{n + 1}</Text>
                  <Text className='pol-point__text'>{p}</Text>
                </View>
              ))}
            </Section>
          ) : null}
          <TextSection title='涉及范围' testId='section-scope' items={item.scope} />
          {item.keyTerms.length ? (
            <Section title='关键词诠释' testId='section-glossary'>
              {item.keyTerms.map((k) => (
                <View key={k.term} className='glossary__item' data-testid='glossary-item'>
                  <Text className='glossary__term'>{k.term}</Text>
                  <Text className='glossary__text'>{k.explanation}</Text>
                </View>
              ))}
            </Section>
          ) : null}
          <TextSection title='惠民利民举措' testId='section-benefits' items={item.benefits} />
          <TextSection title='新旧政策差异' testId='section-changes' items={item.changes} />
          <TextSection title='注意事项' testId='section-notes' items={item.notes} />
          {item.qas.length ? (
            <Section title='相关问答' testId='interpretation-qas'>
              {item.qas.map((q) => (
                <LinkRow key={q.id} testId='interpretation-qa' text={q.question} onTap={() => openQa(q.id)} />
              ))}
            </Section>
          ) : null}
        </>
      )}
    </DetailFrame>
  );
}

function TextSection({ title, testId, items }: { title: string; testId: string; items: string[] }) {
  if (!items.length) return null;
  return (
    <Section title={title} testId={testId}>
      <Paragraphs items={items} />
    </Section>
  );
}

function mediaLabel(media: MediaItem[]): string {
  const kinds = new Set(media.map((m) => m.kind));
  const parts = [kinds.has('image') ? '图解' : '', kinds.has('audio') ? '音频' : '', kinds.has('video') ? '视频' : ''].filter(Boolean);
  return parts.join('·');
}

function MediaBlock({ media }: { media: MediaItem }) {
  // A portal image or video that cannot be loaded leaves its caption and a plain note, not an empty frame.
  const [failed, setFailed] = useState(false);
  if (media.kind === 'audio') return <AudioBlock media={media} />;
  if (failed) {
    return (
      <View className='media media--failed' data-testid={`media-${media.kind}`} data-state='failed'>
        <Text className='media__failed'>{media.kind === 'image' ? '图解暂时无法显示' : '视频暂时无法播放'}</Text>
        <Text className='media__caption'>{media.caption}</Text>
      </View>
    );
  }
  if (media.kind === 'image') {
    return (
      <View className='media' data-testid='media-image'>
        <Image
          className='media__image'
          src={media.url}
          mode='widthFix'
          lazyLoad
          onError={() => setFailed(true)}
          onClick={() => Taro.previewImage({ urls: [media.url] }).catch(() => undefined)}
        />
        <Text className='media__caption'>{media.caption}</Text>
      </View>
    );
  }
  return (
    <View className='media' data-testid='media-video'>
      <Video className='media__video' src={media.url} controls showFullscreenBtn onError={() => setFailed(true)} />
      <Text className='media__caption'>{media.caption}</Text>
    </View>
  );
}

/** Audio through the platform's inner audio context (the <Audio> component is deprecated in WeChat). */
function AudioBlock({ media }: { media: MediaItem }) {
  const [playing, setPlaying] = useState(false);
  const ctx = useRef<Taro.InnerAudioContext | null>(null);
  useEffect(() => () => ctx.current?.destroy(), []);
  const toggle = () => {
    if (!ctx.current) {
      const audio = Taro.createInnerAudioContext();
      audio.src = media.url;
      audio.onEnded(() => setPlaying(false));
      audio.onError(() => {
        setPlaying(false);
        Taro.showToast({ title: '音频暂时无法播放', icon: 'none' }).catch(() => undefined);
      });
      ctx.current = audio;
    }
    if (playing) ctx.current.pause();
    else ctx.current.play();
    setPlaying(!playing);
  };
  return (
    <View className='media media--audio' data-testid='media-audio' onClick={toggle}>
      <Text className='media__play'>{playing ? '❚❚' : '▶'}</Text>
      <Text className='media__caption'>{media.caption}</Text>
    </View>
  );
}
