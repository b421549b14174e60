import { usePageParams } from '@/services';
import { PolicyDetailView } from '../../components/PolicyDetailView';

export default function PolicyDetailPage() {
  const { id = '' } = usePageParams();
  return <PolicyDetailView id={id} />;
}
