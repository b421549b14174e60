import { Text, View } from '@tarojs/components';
import { AppButton } from '@/components/AppButton';
import { InlineMessage } from '@/components/InlineMessage';
import type { UseHotlineDesk } from '../hooks/useHotlineDesk';
import { DeskDetail } from './DeskDetail';
import { DeskFilters } from './DeskFilters';
import { DeskList } from './DeskList';
import { StaffPage } from './StaffPage';

// Taro's View types leave tabIndex out; the H5 element takes it as the tabindex attribute.
const scrollRegion = { tabIndex: 0 } as Record<string, unknown>;

/**
 * The 12345 desk. On a phone the list, then the selected ticket in its place (with 返回列表);
 * on a wide screen (≥ 960 px, see workbench.scss) the list and the ticket side by side.
 */
export function HotlineDesk({ desk }: { desk: UseHotlineDesk }) {
  const { state } = desk.list;
  return (
    <StaffPage
      testId='desk'
      className={`desk ${desk.selected ? 'desk--detail' : 'desk--list'}`}
      state={state.status}
      error={state.status === 'error' ? state : null}
      title='12345 诉求办理'
      subtitle='筛选、查看诉求完整信息，处理转交未成功的诉求'
      actions={
        <AppButton variant='secondary' className='desk__export' loading={desk.exportState.busy} onClick={() => void desk.exportCsv()} testId='desk-export'>
          导出 CSV
        </AppButton>
      }
    >
      {desk.exportState.message ? (
        <InlineMessage tone={desk.exportState.tone} testId='desk-export-result'>
          {desk.exportState.message}
        </InlineMessage>
      ) : null}
      <View className='desk__body'>
        <View className='desk__list-col'>
          <DeskFilters desk={desk} />
          <DeskList desk={desk} />
        </View>
        {/* On a wide screen this column scrolls by itself: keyboard users must be able to reach it. */}
        <View className='desk__detail-col' role='region' aria-label='诉求详情' {...scrollRegion}>
          {desk.selected ? (
            <DeskDetail key={desk.selected} desk={desk} />
          ) : (
            <View className='desk__placeholder' data-testid='desk-placeholder'>
              <Text>在左侧列表中选择一件诉求，查看完整信息</Text>
            </View>
          )}
        </View>
      </View>
    </StaffPage>
  );
}
