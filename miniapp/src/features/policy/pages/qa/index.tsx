import { useRef } from 'react';
import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { QaView } from '../../components/QaView';
import { policyPaths } from '../../navigation';

export default function QaPage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const title = useRef('政策问答');
  // WeChat's 转发: the shared card opens this Q&A.
  useShareAppMessage(() => ({ title: title.current, path: policyPaths.qa(id) }));
  return <QaView id={id} onLoaded={(qa) => (title.current = qa.question)} />;
}
