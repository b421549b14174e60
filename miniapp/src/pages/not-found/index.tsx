import { Text, View } from '@tarojs/components';
import { AppButton } from '@/components/AppButton';
import { PageHeader } from '@/components/PageHeader';
import { switchToTab, usePageParams } from '@/services';
import './index.scss';

/** Where an address that names no page lands (app.tsx, onPageNotFound): what happened and the ways on. */
export default function NotFoundPage() {
  const { from = '' } = usePageParams();
  return (
    <View className='page not-found' data-testid='not-found'>
      <PageHeader title='没有找到这个页面' subtitle='链接可能有误，或者页面已经调整。可以从首页或政策栏目继续查看。' />
      {from ? (
        <Text className='not-found__from' data-testid='not-found-from'>
          您打开的地址：{from}
        </Text>
      ) : null}
      <View className='not-found__actions'>
        <AppButton testId='not-found-home' onClick={() => switchToTab('/pages/index/index')}>
          返回首页
        </AppButton>
        <AppButton variant='secondary' testId='not-found-policy' onClick={() => switchToTab('/pages/policy/index')}>
          查看政策文件
        </AppButton>
      </View>
    </View>
  );
}
