import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format-time.js';
import type { Notification } from '../types.js';
import { internalLink, useNotifications } from './use-notifications.js';

/**
 * 站内通知 in the workspace header: the unread count on a bell; the list opens in a popover, a
 * click on a notice marks it read and follows its link.
 */
export function NotificationBell() {
  const notifications = useNotifications();
  const navigate = useNavigate();
  const [isOpen, setOpen] = useState(false);

  const open = (item: Notification) => {
    if (!item.readAt) void notifications.markRead([item.id]);
    const link = internalLink(item.link);
    setOpen(false);
    if (link) void navigate(link);
  };

  const content = (
    <Flex vertical style={{ width: 340, maxWidth: 'calc(100vw - 32px)' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>通知{notifications.unread > 0 ? `（${notifications.unread} 条未读）` : ''}</Typography.Text>
        <Button type="link" size="small" disabled={notifications.unread === 0} onClick={() => void notifications.markRead()}>
          全部标为已读
        </Button>
      </Flex>
      {notifications.error && <Typography.Text type="danger">{notifications.error}</Typography.Text>}
      {notifications.items.length === 0 && !notifications.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
      ) : (
        <List<Notification>
          size="small"
          loading={notifications.isLoading && notifications.items.length === 0}
          dataSource={notifications.items}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(item) => (
            <List.Item style={{ paddingInline: 0 }}>
              <button
                type="button"
                onClick={() => open(item)}
                aria-label={`${item.readAt ? '' : '未读：'}${item.title}`}
                style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
              >
                <Flex gap={8} align="start">
                  <Badge status={item.readAt ? 'default' : 'processing'} style={{ marginTop: 6 }} />
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Typography.Text strong={!item.readAt}>{item.title}</Typography.Text>
                    {item.body && (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {item.body}
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(item.createdAt)}
                    </Typography.Text>
                  </Flex>
                </Flex>
              </button>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      placement="bottomRight"
      open={isOpen}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) notifications.reload();
      }}
    >
      <Badge count={notifications.unread} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={notifications.unread > 0 ? `通知，${notifications.unread} 条未读` : '通知'}
        />
      </Badge>
    </Popover>
  );
}
