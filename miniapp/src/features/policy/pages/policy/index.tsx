import { useRouter } from '@tarojs/taro';
import { PolicyDetailView } from '../../components/PolicyDetailView';

export default function PolicyDetailPage() {
  const { params } = useRouter();
  return <PolicyDetailView id={decodeURIComponent(params.id ?? '')} />;
}
