import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { computeDraw, OBSERVER_CATEGORY_LABELS, type DrawCategory, type MeetingDrawResponse } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { PageHeader } from '@/components/PageHeader';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import type { UseRemote } from '@/hooks';
import { formatDateTime } from '@/utils/format';
import { useDrawCheck, type CategoryCheck, type DrawCheck } from '../hooks/useDrawCheck';
import { MeetingGate } from './MeetingGate';
import './meetings.scss';

/** How many shuffle steps show before 展开全部. */
const STEPS_SHOWN = 5;

/**
 * 抽签公示: per category, the frozen roster and its hash, the public value and its source, the
 * seed, every shuffle step, the order, the chosen, the reserves and the replacements; 复核
 * recomputes it all on the phone, and the command checks it anywhere else.
 */
export function DrawView({ remote, drawUrl }: { remote: UseRemote<MeetingDrawResponse>; drawUrl: string }) {
  const { check, run } = useDrawCheck();
  return (
    <MeetingGate
      testId='draw-page'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='抽签公示加载失败'
      notFound={{ title: '没有找到这次会议的抽签', description: '会议可能已被撤下，或链接有误。' }}
    >
      {(draw) => {
        const drawn = draw.categories.some((c) => c.publicValue !== null);
        return (
          <View className='page mt-page' data-testid='draw-page' data-state={draw.categories.length ? 'ok' : 'empty'}>
            <PageHeader title='抽签公示' subtitle='各类别的冻结名单、公开随机数和抽签结果' />
            {draw.selection !== 'lottery' ? (
              <StatusView testId='draw-not-lottery' glyph='审' title='本次会议不抽签' description='列席人员由组织单位审核选定。' />
            ) : (
              <>
                <View className='mt-card' data-testid='draw-verify'>
                  <Text className='mt-text'>抽签结果完全由冻结名单和事先公布来源的公开随机数决定。点“复核”，手机会按公开算法从头重算并与公示内容逐项比对。</Text>
                  <AppButton testId='run-verify' disabled={!drawn} loading={check.status === 'running'} onClick={() => run(draw)}>
                    {drawn ? '复核' : '尚未抽签，暂无可复核的结果'}
                  </AppButton>
                  <VerifyResult check={check} />
                  <Algorithm text={draw.algorithm} />
                  <Text className='mt-muted'>也可以在电脑上用项目公开的脚本独立复核：</Text>
                  <Text className='mt-mono' selectable data-testid='verify-command'>
                    node scripts/verify-draw.mjs {drawUrl}
                  </Text>
                </View>
                {draw.categories.map((c) => (
                  <CategoryDraw key={c.category} c={c} check={check.status === 'done' ? check.results.find((r) => r.category === c.category) ?? null : null} />
                ))}
              </>
            )}
          </View>
        );
      }}
    </MeetingGate>
  );
}

/** The published method, folded: long, and read by few. */
function Algorithm({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <View data-testid='draw-algorithm'>
      <Text className='mt-link mt-link--blue' onClick={() => setOpen(!open)}>
        {open ? '收起算法说明' : '算法说明 ›'}
      </Text>
      {open ? (
        <Text className='mt-mono' selectable>
          {text}
        </Text>
      ) : null}
    </View>
  );
}

function VerifyResult({ check }: { check: DrawCheck }) {
  if (check.status !== 'done') return null;
  const bad = check.results.filter((r) => !r.ok);
  if (!bad.length) {
    return (
      <View className='mt-verify mt-verify--ok' data-testid='verify-ok' role='status'>
        <Text>✓ 复核一致：{check.results.map((r) => OBSERVER_CATEGORY_LABELS[r.category]).join('、')}的名单哈希、种子、顺序和选定结果都与重新计算的相同。</Text>
      </View>
    );
  }
  return (
    <View className='mt-verify mt-verify--bad' data-testid='verify-mismatch' role='alert'>
      <Text>✗ 复核发现不一致：</Text>
      {bad.map((r) => (
        <Text key={r.category} className='mt-text' data-testid='verify-problem'>
          {OBSERVER_CATEGORY_LABELS[r.category]}：{r.problems.join('；')}
        </Text>
      ))}
    </View>
  );
}

function CategoryDraw({ c, check }: { c: DrawCategory; check: CategoryCheck | null }) {
  const label = OBSERVER_CATEGORY_LABELS[c.category];
  // The steps come from recomputing on the phone: the published response states the result, not the steps.
  const computed = useMemo(() => (c.publicValue !== null ? computeDraw(c.roster, c.publicValue, c.seats) : null), [c]);
  const names = new Map(c.roster.map((n, i) => [n, c.rosterNames[i] ?? '']));
  const chosen = new Set(c.chosen);
  const state = c.drawnAt ? '已抽签' : c.frozenAt ? '名单已冻结，待抽签' : '申请未截止';
  return (
    <View className='mt-card' data-testid='draw-category' data-category={c.category} data-drawn={String(Boolean(c.drawnAt))}>
      <View className='mt-head'>
        <View className='mt-h2' role='heading' aria-level={2}>
          {label}（{c.seats} 个名额）
        </View>
        <Tag tone={c.drawnAt ? 'info' : 'plain'}>{state}</Tag>
      </View>
      {check ? (
        <Text className={check.ok ? 'mt-ok' : 'mt-bad'} data-testid='category-check'>
          {check.ok ? '✓ 复核一致' : `✗ ${check.problems.join('；')}`}
        </Text>
      ) : null}

      <Step n='①' title={`冻结名单（${c.roster.length} 人）`}>
        {c.frozenAt ? <Text className='mt-muted'>{formatDateTime(c.frozenAt)}申请截止时冻结，号码从小到大排列，每行一个号码。</Text> : <Text className='mt-muted'>申请截止时冻结名单并公布其哈希。</Text>}
        <View className='mt-roster'>
          {c.roster.map((n) => (
            <Text key={n} className='mt-roster__entry'>
              {n} {names.get(n)}
            </Text>
          ))}
        </View>
        {c.rosterHash ? (
          <>
            <Text className='mt-muted'>名单哈希 SHA-256：</Text>
            <Text className='mt-mono' selectable data-testid='roster-hash'>
              {c.rosterHash}
            </Text>
          </>
        ) : null}
      </Step>

      <Step n='②' title='公开随机数'>
        <Text className='mt-muted'>来源：{c.publicValueSource ?? '尚未公布'}</Text>
        <Text className='mt-mono' selectable data-testid='public-value'>
          {c.publicValue ?? '尚未录入（来源公布后才会产生）'}
        </Text>
      </Step>

      {c.publicValue !== null ? (
        <>
          <Step n='③' title='种子 = SHA-256(名单哈希|随机数)'>
            <Text className='mt-mono' selectable data-testid='seed'>
              {c.seed}
            </Text>
          </Step>
          <Step n='④' title='洗牌（Fisher–Yates）'>
            <Text className='mt-muted'>从最后一位 i 起，取 SHA-256(种子:k) 前 8 字节为 r，j = r mod (i+1)，交换第 i 位和第 j 位（超出均匀范围的 r 跳过）。</Text>
            {computed ? <Shuffle steps={computed.steps} /> : null}
          </Step>
          <Step n='⑤' title='顺序与结果'>
            <Text className='mt-muted'>顺序（前 {c.seats} 位选定）：</Text>
            <View className='mt-roster' data-testid='draw-order'>
              {c.order.map((n, i) => (
                <Text key={n} className={`mt-roster__entry ${chosen.has(n) ? 'mt-roster__entry--chosen' : ''}`}>
                  {i + 1}. {n} {names.get(n)}
                </Text>
              ))}
            </View>
            <Text className='mt-fact' data-testid='draw-chosen'>
              选定：{c.chosen.join('、') || '无'}
            </Text>
            <Text className='mt-fact' data-testid='draw-reserves'>
              候补（按顺序）：{c.order.filter((n) => !chosen.has(n)).join('、') || '无'}
            </Text>
            {c.replacements.length ? (
              <View data-testid='draw-replacements'>
                <Text className='mt-fact mt-fact--strong'>递补</Text>
                {c.replacements.map((r) => (
                  <Text key={`${r.withdrawn}-${r.at}`} className='mt-fact'>
                    {formatDateTime(r.at)}：{r.withdrawn} 放弃，{r.replacedBy ? `由 ${r.replacedBy} 递补` : '已无候补可递补'}
                  </Text>
                ))}
              </View>
            ) : null}
            {c.drawnAt ? <Text className='mt-muted'>{formatDateTime(c.drawnAt)}抽签</Text> : null}
          </Step>
        </>
      ) : null}
    </View>
  );
}

function Step({ n, title, children }: { n: string; title: string; children: React.ReactNode }) {
  return (
    <View className='mt-step'>
      <View className='mt-step__title' role='heading' aria-level={3}>
        {n} {title}
      </View>
      {children}
    </View>
  );
}

function Shuffle({ steps }: { steps: ReturnType<typeof computeDraw>['steps'] }) {
  const [all, setAll] = useState(false);
  if (!steps.length) return <Text className='mt-muted'>只有一人，无需洗牌。</Text>;
  const shown = all ? steps : steps.slice(0, STEPS_SHOWN);
  return (
    <View className='mt-shuffle' data-testid='shuffle-steps'>
      {shown.map((s) => (
        <Text key={s.i} className='mt-shuffle__row' data-testid='shuffle-step'>
          i={s.i} k={s.ks.join(',')} r={s.r} j={s.j} 交换 {s.swapped[0]} ↔ {s.swapped[1]}
        </Text>
      ))}
      {steps.length > STEPS_SHOWN ? (
        <Text className='mt-link' data-testid='shuffle-toggle' onClick={() => setAll(!all)}>
          {all ? '收起' : `展开全部 ${steps.length} 步`}
        </Text>
      ) : null}
    </View>
  );
}
