import { ComingSoon } from '@/components/ComingSoon';

export default function HotlinePage() {
  return (
    <ComingSoon
      testId='coming-soon-hotline'
      glyph='☎'
      title='12345政务服务热线'
      description='在线提交诉求的功能正在建设中。急需反映问题，请直接拨打 12345。'
      upcoming={['在线提交咨询、求助、投诉和建议', '实时查询诉求办理进度', '办结后评价办理结果']}
    />
  );
}
