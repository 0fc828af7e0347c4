import { Button, Empty, Flex, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { sendMessage } from '../api/send-message.js';
import type { DemandDetail, DemandMessage } from '../types.js';

const sideLabels: Record<DemandMessage['side'], string> = { enterprise: '企业', claimant: '认领方' };

function AnswerState({ item }: { item: DemandMessage }) {
  if (item.side !== 'enterprise' || !item.dueAt) return null;
  if (item.answeredAt) {
    const late = Date.parse(item.answeredAt) > Date.parse(item.dueAt);
    return <Tag color={late ? 'orange' : 'green'}>{late ? '超时回复' : '已按时回复'}</Tag>;
  }
  const overdue = Date.parse(item.dueAt) < Date.now();
  return <Tag color={overdue ? 'red' : 'blue'}>{overdue ? `回复已超时（应于 ${formatDateTime(item.dueAt)} 前）` : `待回复，${formatDateTime(item.dueAt)} 前`}</Tag>;
}

/**
 * 沟通留言 between the enterprise and the active claimant. An enterprise message is due an answer
 * within 48 hours; the composer shows when the caller may write (`message` in allowedActions).
 */
export function MessageThread({ detail, canWrite, onSent }: { detail: DemandDetail; canWrite: boolean; onSent: () => void }) {
  const messages = detail.messages ?? [];
  const [body, setBody] = useState('');
  const [isSending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const send = async () => {
    const text = body.trim();
    if (!text) {
      setProblem('请填写消息内容');
      return;
    }
    setSending(true);
    setProblem(undefined);
    try {
      await sendMessage(detail.id, { body: text });
      // Cleared only once the server has it: a refused message stays in the box.
      setBody('');
      onSent();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      {messages.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有留言" />
      ) : (
        <ol aria-label="留言" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
          {messages.map((item) => (
            <li
              key={item.id}
              style={{
                alignSelf: item.side === 'enterprise' ? 'flex-start' : 'flex-end',
                maxWidth: '85%',
                background: item.side === 'enterprise' ? '#f5f5f5' : '#e6f4ff',
                borderRadius: 8,
                padding: '8px 12px',
              }}
            >
              <Flex gap={8} wrap align="center" style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                <span>
                  {sideLabels[item.side]} · {item.authorName}
                </span>
                <span>{formatDateTime(item.createdAt)}</span>
                <AnswerState item={item} />
              </Flex>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{item.body}</Typography.Paragraph>
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <Flex vertical gap={8}>
          <Input.TextArea
            aria-label="留言内容"
            rows={3}
            maxLength={2000}
            showCount
            value={body}
            status={problem ? 'error' : undefined}
            onChange={(event) => setBody(event.target.value)}
            placeholder="给对方留言（对方会收到站内通知）"
          />
          {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
          <div>
            <Button type="primary" onClick={send} loading={isSending}>
              发送留言
            </Button>
          </div>
        </Flex>
      )}
    </Flex>
  );
}
