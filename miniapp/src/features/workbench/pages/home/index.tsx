import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';
import { openAppLink, showToast, stopPullDownRefresh } from '@/services';
import { WorkbenchHome } from '../../components/WorkbenchHome';
import { useWorkbench } from '../../hooks/useWorkbench';

export default function WorkbenchPage() {
  const workbench = useWorkbench();
  const shown = useRef(false);
  // Back from a tool: its queue counts have likely changed.
  useDidShow(() => {
    if (shown.current) void workbench.refresh();
    shown.current = true;
  });
  usePullDownRefresh(async () => {
    const error = await workbench.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return (
    <WorkbenchHome
      workbench={workbench}
      onOpen={(tool) =>
        void openAppLink(tool.path).then((opened) => {
          if (!opened) showToast('该工具暂时无法打开');
        })
      }
    />
  );
}
