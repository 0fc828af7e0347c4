import { useCallback, useEffect, useRef, useState } from 'react';
import { listNotifications } from '../api/list-notifications.js';
import { markNotificationsRead } from '../api/mark-notifications-read.js';
import type { Notification } from '../types.js';

/** How often an open page asks for new notices (they are in-app only, so a minute is soon enough). */
const POLL_MS = 60_000;
const PAGE_SIZE = 10;

export interface NotificationsState {
  items: Notification[];
  unread: number;
  isLoading: boolean;
  error: string | undefined;
  reload: () => void;
  /** Marks the given notices (or all, without ids) read, here at once and then on the server. */
  markRead: (ids?: string[]) => Promise<void>;
}

/**
 * The signed-in user's latest notices and unread count, read on mount, every minute while the tab
 * is visible, and on `reload` (when the list opens). Plain React, no antd: the public header uses
 * it too.
 */
export function useNotifications(): NotificationsState {
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [isLoading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);

  const reload = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    listNotifications({ pageSize: PAGE_SIZE }, current.signal).then(
      (page) => {
        if (current.signal.aborted) return;
        setItems(page.items);
        setUnread(page.unread);
        setError(undefined);
        setLoading(false);
      },
      () => {
        if (current.signal.aborted) return;
        setError('通知加载失败');
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      controller.current?.abort();
    };
  }, [reload]);

  const markRead = useCallback(
    async (ids?: string[]) => {
      const now = new Date().toISOString();
      setItems((previous) => previous.map((item) => (!ids || ids.includes(item.id) ? { ...item, readAt: item.readAt ?? now } : item)));
      setUnread((previous) => (ids ? Math.max(0, previous - ids.length) : 0));
      try {
        await markNotificationsRead(ids);
      } finally {
        reload();
      }
    },
    [reload],
  );

  return { items, unread, isLoading, error, reload, markRead };
}

/** An in-app link of a notice (`/demands/…`), or undefined for anything else. */
export function internalLink(link: string | null): string | undefined {
  return link?.startsWith('/') && !link.startsWith('//') ? link : undefined;
}
