import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format-time.js';
import { internalLink, useNotifications } from './use-notifications.js';

// Plain markup like the rest of the public header (no antd), loaded only for signed-in visitors.

function BellIcon() {
  return (
    <svg viewBox="0 0 1024 1024" width="18" height="18" fill="currentColor" aria-hidden="true">
      <path d="M816 768h-24V428c0-141.1-104.3-257.7-240-277.1V112c0-22.1-17.9-40-40-40s-40 17.9-40 40v38.9c-135.7 19.4-240 136-240 277.1v340h-24c-17.7 0-32 14.3-32 32v32c0 4.4 3.6 8 8 8h216c0 61.8 50.2 112 112 112s112-50.2 112-112h216c4.4 0 8-3.6 8-8v-32c0-17.7-14.3-32-32-32zM512 888c-26.5 0-48-21.5-48-48h96c0 26.5-21.5 48-48 48zM304 768V428c0-55.6 21.6-107.8 60.9-147.1S456.4 220 512 220c55.6 0 107.8 21.6 147.1 60.9S720 372.4 720 428v340H304z" />
    </svg>
  );
}

/** 通知 in the public header: the unread count, and the latest notices in a panel under the bell. */
export function PublicNotificationBell() {
  const notifications = useNotifications();
  const [isOpen, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const { reload } = notifications;

  useEffect(() => {
    if (!isOpen) return;
    reload();
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [isOpen, reload]);

  return (
    <div ref={box} style={{ position: 'relative' }}>
      <button
        type="button"
        className="kh-btn kh-btn-text"
        aria-label={notifications.unread > 0 ? `通知，${notifications.unread} 条未读` : '通知'}
        aria-expanded={isOpen}
        aria-controls="kh-notifications"
        onClick={() => setOpen((open) => !open)}
        style={{ position: 'relative' }}
      >
        <BellIcon />
        {notifications.unread > 0 && (
          <span
            aria-hidden
            style={{
              position: 'absolute',
              top: 0,
              right: 0,
              minWidth: 16,
              height: 16,
              padding: '0 4px',
              borderRadius: 8,
              background: '#ff4d4f',
              color: '#fff',
              fontSize: 11,
              lineHeight: '16px',
              boxSizing: 'border-box',
            }}
          >
            {notifications.unread > 99 ? '99+' : notifications.unread}
          </span>
        )}
      </button>
      {isOpen && (
        <section
          id="kh-notifications"
          aria-label="通知"
          style={{
            position: 'absolute',
            right: 0,
            top: 40,
            zIndex: 100,
            width: 320,
            maxWidth: 'calc(100vw - 32px)',
            maxHeight: 440,
            overflowY: 'auto',
            background: '#fff',
            borderRadius: 8,
            boxShadow: '0 6px 16px rgba(0,0,0,0.12)',
            padding: 12,
            boxSizing: 'border-box',
          }}
        >
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
            <strong>通知</strong>
            <button
              type="button"
              className="kh-btn kh-btn-text"
              disabled={notifications.unread === 0}
              onClick={() => void notifications.markRead()}
              style={{ height: 24, fontSize: 13 }}
            >
              全部标为已读
            </button>
          </div>
          {notifications.error && <p style={{ color: '#ff4d4f', margin: 0 }}>{notifications.error}</p>}
          {notifications.items.length === 0 && !notifications.isLoading && <p className="kh-secondary">暂无通知</p>}
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {notifications.items.map((item) => {
              const link = internalLink(item.link);
              const text = (
                <>
                  <span style={{ display: 'block', fontWeight: item.readAt ? 400 : 600, color: 'rgba(0,0,0,0.88)' }}>
                    {item.readAt ? '' : '● '}
                    {item.title}
                  </span>
                  {item.body && <span style={{ display: 'block', fontSize: 13, color: 'rgba(0,0,0,0.55)' }}>{item.body}</span>}
                  <span style={{ display: 'block', fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{formatDateTime(item.createdAt)}</span>
                </>
              );
              const onOpen = () => {
                if (!item.readAt) void notifications.markRead([item.id]);
                setOpen(false);
              };
              return (
                <li key={item.id} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
                  {link ? (
                    <Link to={link} onClick={onOpen} style={{ textDecoration: 'none' }}>
                      {text}
                    </Link>
                  ) : (
                    <button type="button" onClick={onOpen} style={{ all: 'unset', cursor: 'pointer', display: 'block' }}>
                      {text}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
