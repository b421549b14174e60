import { PassView } from '../../components/PassView';
import { useCheckInPass } from '../../hooks/useCheckInPass';
import { usePageVisible } from '../../hooks/useOpenDays';
import { useOpenDayParams } from '../../navigation';

export default function PassPage() {
  const pass = useCheckInPass(useOpenDayParams().registrationId, usePageVisible());
  return <PassView pass={pass} />;
}
