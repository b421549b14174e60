import { Text, View } from '@tarojs/components';
import { STAFF_ROLE_LABELS, type WorkbenchResponse, type WorkbenchTool } from '@zwgk/contracts';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import type { UseRemote } from '@/hooks';
import { StaffPage } from './StaffPage';

/** 工作台: the tools the person's roles allow, each with its queue counts. */
export function WorkbenchHome({ workbench, onOpen }: { workbench: UseRemote<WorkbenchResponse>; onOpen: (tool: WorkbenchTool) => void }) {
  const { state } = workbench;
  const data = state.status === 'ok' ? state.data : null;
  return (
    <StaffPage
      testId='workbench'
      className='wb'
      state={state.status}
      error={state.status === 'error' ? state : null}
      title='工作台'
      subtitle={data ? <Text data-testid='workbench-roles'>我的权限：{data.roles.map((r) => STAFF_ROLE_LABELS[r]).join('、') || '无'}</Text> : undefined}
    >
      {state.status === 'loading' ? (
        <Skeleton rows={2} />
      ) : state.status === 'error' ? (
        <StatusView testId='workbench-error' glyph='!' tone='warn' title='工作台加载失败' description={state.message} actionText='重试' onAction={workbench.reload} />
      ) : data?.tools.length ? (
        <View className='wb-tools' role='list'>
          {data.tools.map((tool) => (
            <ToolCard key={tool.id} tool={tool} onOpen={onOpen} />
          ))}
        </View>
      ) : (
        <StatusView testId='workbench-empty' glyph='工' title='暂无可用工具' description='您的权限下还没有开放的工作台工具，如需开通请联系管理员。' />
      )}
    </StaffPage>
  );
}

function ToolCard({ tool, onOpen }: { tool: WorkbenchTool; onOpen: (tool: WorkbenchTool) => void }) {
  return (
    <View className='wb-tool' role='listitem' data-testid='workbench-tool' data-tool={tool.id} onClick={() => onOpen(tool)}>
      <View className='wb-tool__head'>
        <View className='wb-tool__title' role='heading' aria-level={2}>
          {tool.title}
        </View>
        <Tag tone='info'>{STAFF_ROLE_LABELS[tool.role]}</Tag>
      </View>
      <Text className='wb-tool__desc'>{tool.description}</Text>
      {tool.status === 'unavailable' ? (
        <Text className='wb-tool__note' data-testid='tool-counts-unavailable'>
          待办数量暂时无法获取，工具仍可打开
        </Text>
      ) : (
        <View className='wb-counts'>
          {tool.counts.map((c) => (
            <View key={c.label} className={`wb-count ${c.attention && c.count > 0 ? 'wb-count--attention' : ''}`} data-testid='tool-count' data-attention={String(c.attention && c.count > 0)}>
              <Text className='wb-count__value'>{c.count}</Text>
              <Text className='wb-count__label'>{c.label}</Text>
              {c.attention && c.count > 0 ? <Text className='wb-count__flag'>待处理</Text> : null}
            </View>
          ))}
        </View>
      )}
      <Text className='wb-tool__open'>打开 ›</Text>
    </View>
  );
}
