import Taro from '@tarojs/taro';
import { showToast } from '@/services';
import { useRemote } from '@/hooks';
import { RatingView } from '../../components/RatingView';
import { useRating } from '../../hooks/useRating';
import { getTicket } from '../../api';
import { useTrackingNo } from '../../navigation';

export default function RatePage() {
  const trackingNo = useTrackingNo();
  const ticket = useRemote(() => getTicket(trackingNo), [trackingNo]);
  const rating = useRating(trackingNo);
  return (
    <RatingView
      ticket={ticket}
      rating={rating}
      onDone={(updated) => {
        ticket.replace(updated);
        showToast(updated.rating?.reopenRequested ? '已提交评价并申请重办' : '感谢您的评价');
        Taro.navigateBack().catch(() => undefined);
      }}
    />
  );
}
