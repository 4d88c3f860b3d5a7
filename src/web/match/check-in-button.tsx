import { useState } from 'preact/hooks';
import { graphql } from '../gql';
import { useAction } from '../app/actions';
import { tellError, tellSuccess } from '../app/notice';
import { ATTENDANCE_LABELS } from '../app/status-labels';

const CheckInMutation = graphql(`
  mutation CheckIn($eventId: ID!, $latitude: Float!, $longitude: Float!, $accuracyMeters: Float) {
    checkIn(eventId: $eventId, latitude: $latitude, longitude: $longitude, accuracyMeters: $accuracyMeters) {
      id
      attendance
    }
  }
`);

const LOCATION_REFUSED =
  '위치 권한이 꺼져 있어 출석 체크를 할 수 없습니다. 주소창 왼쪽의 사이트 설정(자물쇠)에서 위치를 "허용"으로 바꾼 뒤 다시 눌러 주세요.';
const NO_POSITION = '현재 위치를 찾지 못했습니다. 휴대폰의 위치 서비스(GPS)를 켜고 트인 곳에서 다시 눌러 주세요.';

function currentPosition(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) reject({ code: 2 });
    else navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 });
  });
}

/** Asks the phone where it is (precisely), sends it with its accuracy, and tells the result. */
export function CheckInButton({ eventId }: { eventId: string }) {
  const checkIn = useAction(CheckInMutation);
  const [locating, setLocating] = useState(false);

  const click = async () => {
    let position: GeolocationPosition;
    setLocating(true);
    try {
      position = await currentPosition();
    } catch (error) {
      setLocating(false);
      // Nothing is sent without a position.
      const refused = (error as GeolocationPositionError).code === 1;
      tellError({ code: refused ? 'LOCATION_PERMISSION_DENIED' : 'LOCATION_UNAVAILABLE' }, refused ? LOCATION_REFUSED : NO_POSITION);
      return;
    }
    setLocating(false);
    const { latitude, longitude, accuracy } = position.coords;
    const data = await checkIn.run({ eventId, latitude, longitude, accuracyMeters: accuracy });
    if (data) tellSuccess(`출석 체크했습니다: ${ATTENDANCE_LABELS[data.checkIn.attendance]}`);
  };

  return (
    <button type="button" class="primary big" data-testid="check-in" onClick={click} disabled={locating || checkIn.busy}>
      {locating ? '위치 확인 중…' : checkIn.busy ? '보내는 중…' : '지금 출석 체크'}
    </button>
  );
}
