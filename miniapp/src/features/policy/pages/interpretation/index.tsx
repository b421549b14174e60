import { usePageParams } from '@/services';
import { InterpretationView } from '../../components/InterpretationView';

export default function InterpretationPage() {
  const { id = '' } = usePageParams();
  return <InterpretationView id={id} />;
}
