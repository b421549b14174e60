import { useRef } from 'react';
import { useShareAppMessage } from '@tarojs/taro';
import { usePageParams } from '@/services';
import { QaView } from '../../components/QaView';
import { policyPaths } from '../../navigation';

export default function QaPage() {
  const { id = '' } = usePageParams();
  const title = useRef('政策问答');
  // WeChat's 转发: the shared card opens this Q&A.
  useShareAppMessage(() => ({ title: title.current, path: policyPaths.qa(id) }));
  return <QaView id={id} onLoaded={(qa) => (title.current = qa.question)} />;
}
