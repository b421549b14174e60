import { ComingSoon } from '@/components/ComingSoon';
import { useUnreadBadge } from '@/features/notifications';

export default function ParticipatePage() {
  useUnreadBadge();
  return (
    <ComingSoon
      testId='coming-soon-participate'
      glyph='参'
      title='公众参与'
      description='首页已可查看正在征求意见的草案、政府开放日和列席会议，在线参与功能即将开放。'
      upcoming={['对政策草案发表意见并查看采纳情况', '政府开放日在线报名与签到', '申请列席政府会议']}
    />
  );
}
