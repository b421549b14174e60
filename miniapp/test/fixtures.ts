import type { Session, User } from '@zwgk/contracts';

export const citizen: User = {
  id: 'u_5f1c2a9e8b7d4c3a',
  roles: ['citizen'],
  phoneMasked: null,
  nickname: null,
  createdAt: '2024-11-20T02:00:00.000Z',
};

export function session(overrides: Partial<Session> = {}): Session {
  return { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900, user: citizen, ...overrides };
}
