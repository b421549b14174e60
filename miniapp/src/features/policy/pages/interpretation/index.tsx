import { useRouter } from '@tarojs/taro';
import { InterpretationView } from '../../components/InterpretationView';

export default function InterpretationPage() {
  const { params } = useRouter();
  return <InterpretationView id={decodeURIComponent(params.id ?? '')} />;
}
