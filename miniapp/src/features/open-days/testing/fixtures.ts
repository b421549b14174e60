import {
  CheckInResponse,
  MyOpenDayRegistration,
  MyOpenDayRegistrationList,
  OpenDayCheckInPass,
  OpenDayDetailResponse,
  OpenDayListResponse,
  OpenDayRegisterResponse,
  StaffOpenDayList,
  StaffRegistrationPage,
  type OpenDayDetail,
  type OpenDayListItem,
  type OpenDaySession,
  type StaffRegistration,
} from '@zwgk/contracts';

/** Test data of the open-day screens, parsed by the contract so it cannot drift from it. */

const hour = 3_600_000;
const day = 24 * hour;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

export const openDayId = 'od-water-2026';
export const registrationId = '65a1b2c3d4e5f60718293a4b';
/** Valid resident ID numbers (check digit right) and one whose check digit is wrong. */
export const ids = { applicant: '11010519491231002X', companion: '110105199003071239', badCheckDigit: '110105194912310021' };

export function openDayItem(overrides: Partial<OpenDayListItem> = {}): OpenDayListItem {
  return {
    id: openDayId,
    title: '走进自来水厂：从水源到龙头',
    host: '江海市水务局',
    location: '江海市第一自来水厂（滨江路 88 号）',
    registrationOpensAt: at(-2 * day),
    registrationClosesAt: at(5 * day),
    phase: 'open',
    phaseLabel: '报名中',
    firstSessionAt: at(7 * day),
    sessionCount: 2,
    capacity: 60,
    placesLeft: 12,
    myStatus: null,
    ...overrides,
  };
}

export function openDayList(items: OpenDayListItem[] = [openDayItem()], status: 'ok' | 'stale' = 'ok'): OpenDayListResponse {
  return OpenDayListResponse.parse({ status, updatedAt: at(0), items });
}

export function session(overrides: Partial<OpenDaySession> = {}): OpenDaySession {
  return { id: 's1', startsAt: at(7 * day), endsAt: at(7 * day + 2 * hour), capacity: 30, placesLeft: 12, waitlistLength: 0, ended: false, ...overrides };
}

export function myRegistration(overrides: Partial<MyOpenDayRegistration> = {}): MyOpenDayRegistration {
  return MyOpenDayRegistration.parse({
    id: registrationId,
    openDayId,
    openDayTitle: '走进自来水厂：从水源到龙头',
    sessionId: 's1',
    sessionStartsAt: at(7 * day),
    sessionEndsAt: at(7 * day + 2 * hour),
    location: '江海市第一自来水厂（滨江路 88 号）',
    status: 'confirmed',
    statusLabel: '已报名',
    position: null,
    partySize: 2,
    name: '张*',
    idNumber: '1101**********002X',
    phone: '138****5678',
    companions: [{ name: '李*', idNumber: '1101**********1234' }],
    offerExpiresAt: null,
    changeDeadline: at(6 * day),
    canCancel: true,
    canChangeSession: true,
    checkedInAt: null,
    createdAt: at(-day),
    ...overrides,
  });
}

type Me = NonNullable<OpenDayDetail['me']>;

export function openDayDetail(overrides: Partial<OpenDayDetail> = {}, me: Partial<Me> | null = {}, status: 'ok' | 'stale' = 'ok'): OpenDayDetailResponse {
  return OpenDayDetailResponse.parse({
    status,
    updatedAt: at(0),
    item: {
      ...openDayItem(),
      description: '参观取水口、沉淀池、过滤池和水质化验室，了解自来水的生产与检测。',
      sessions: [session(), session({ id: 's2', startsAt: at(8 * day), endsAt: at(8 * day + 2 * hour), placesLeft: 0, waitlistLength: 3 })],
      canRegister: true,
      cancelCutoffHours: 24,
      maxCompanions: 2,
      me: me === null ? null : { registration: null, restriction: null, boundPhone: '138****5678', ...me },
      ...overrides,
    },
  });
}

export function registerAnswer(overrides: Partial<MyOpenDayRegistration> = {}, replayed = false): OpenDayRegisterResponse {
  return OpenDayRegisterResponse.parse({ ...myRegistration(overrides), replayed });
}

export function myRegistrations(items: MyOpenDayRegistration[] = [myRegistration()]): MyOpenDayRegistrationList {
  return MyOpenDayRegistrationList.parse({ items });
}

export function checkInPass(n = 1): OpenDayCheckInPass {
  return OpenDayCheckInPass.parse({
    registrationId,
    qr: `ZWGK-OD1.${registrationId}.${58000000 + n}.mac${n}`,
    shortCode: `K7Q2M${n}ZA`.slice(0, 8),
    windowSeconds: 30,
    validUntil: at(30_000),
  });
}

export function staffOpenDays(status: 'ok' | 'stale' | 'unavailable' = 'ok'): StaffOpenDayList {
  return StaffOpenDayList.parse({
    status,
    items: [
      {
        id: openDayId,
        title: '走进自来水厂：从水源到龙头',
        host: '江海市水务局',
        phase: 'open',
        phaseLabel: '报名中',
        sessions: [
          { ...session(), confirmed: 8, offered: 1, attended: 2, noShows: 0, cancelled: 1, placesHeld: 18 },
          { ...session({ id: 's2', startsAt: at(8 * day), endsAt: at(8 * day + 2 * hour), placesLeft: 0, waitlistLength: 3 }), confirmed: 15, offered: 0, attended: 0, noShows: 0, cancelled: 0, placesHeld: 30 },
        ],
      },
    ],
  });
}

export function staffRegistration(overrides: Partial<StaffRegistration> = {}): StaffRegistration {
  return {
    id: registrationId,
    status: 'confirmed',
    statusLabel: '已报名',
    position: null,
    name: '张*',
    idNumber: '1101**********002X',
    phone: '138****5678',
    partySize: 2,
    companions: [{ name: '李*', idNumber: '1101**********1234' }],
    createdAt: at(-day),
    offerExpiresAt: null,
    checkedInAt: null,
    ...overrides,
  };
}

export function staffRegistrations(items: StaffRegistration[] = [staffRegistration()], total = items.length): StaffRegistrationPage {
  return StaffRegistrationPage.parse({ items, page: 1, pageSize: 50, total });
}

export function checkInAnswer(alreadyCheckedIn = false): CheckInResponse {
  return CheckInResponse.parse({ registrationId, name: '张*', partySize: 2, status: 'attended', statusLabel: '已签到', checkedInAt: at(0), alreadyCheckedIn });
}
