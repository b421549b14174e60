import { ComingSoon } from '@/components/ComingSoon';

export default function PolicyPage() {
  return (
    <ComingSoon
      testId='coming-soon-policy'
      glyph='策'
      title='政策解读与问答'
      description='我们正在整理现行政策文件及其解读，开放后可按关键词查找政策和常见问题。'
      upcoming={['政策原文与图文解读', '政策问答搜索，支持口语化提问', '政策状态提示：现行有效、已修订、已废止']}
    />
  );
}
