import type { NotificationItem, NotificationPage } from '@zwgk/contracts';

/** The n-th message (n = 1 is the newest), unread unless `readAt` is given. */
export function notification(n: number, overrides: Partial<NotificationItem> = {}): NotificationItem {
  const no = `RX-20261201-${String(n).padStart(6, '0').replace(/0/g, 'A')}`;
  return {
    id: n.toString(16).padStart(24, '0'),
    kind: 'hotline_closed',
    title: '诉求已办结',
    body: `您的诉求“小区夜间施工噪音扰民 ${n}”已办结，请评价办理结果。`,
    link: `/features/hotline/pages/ticket/index?no=${no}`,
    createdAt: new Date(Date.UTC(2026, 11, 1, 10, 0) - n * 3_600_000).toISOString(),
    readAt: null,
    ...overrides,
  };
}

/** Page `page` of `all`, as the BFF answers it. */
export function notificationPage(all: NotificationItem[], page: number, pageSize: number): NotificationPage {
  return {
    items: all.slice((page - 1) * pageSize, page * pageSize),
    page,
    pageSize,
    total: all.length,
    unread: all.filter((n) => !n.readAt).length,
  };
}
