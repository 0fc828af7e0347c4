import { Button, Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import type { CampaignEvent } from '../types.js';

/** 对接活动: date, place, attendance, what was presented and what came of it; planned ones marked. */
export function EventsList({ events, onEdit }: { events: CampaignEvent[]; onEdit?: (event: CampaignEvent) => void }) {
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无对接活动" />;
  return (
    <Flex vertical gap={12}>
      {events.map((e) => (
        <Card
          key={e.id}
          size="small"
          title={
            <Flex gap={8} align="center" wrap>
              <span style={{ whiteSpace: 'normal' }}>{e.title}</span>
              {e.isHeld ? <Tag color="green">已举办</Tag> : <Tag color="blue">计划举办</Tag>}
            </Flex>
          }
          extra={
            onEdit && e.allowedActions.includes('edit') ? (
              <Button size="small" onClick={() => onEdit(e)}>
                {e.isHeld ? '修改 / 补记成效' : '修改'}
              </Button>
            ) : null
          }
        >
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 3 }}
            items={[
              { key: 'date', label: '日期', children: e.heldOn.replaceAll('-', '/') },
              { key: 'place', label: '地点', children: e.regionName && !e.place.includes(e.regionName) ? `${e.regionName} ${e.place}` : e.place },
              { key: 'people', label: '参会人数', children: `${e.participantCount} 人` },
              { key: 'intentions', label: '签约意向', children: `${e.intentionsSigned} 项` },
              {
                key: 'presented',
                label: '发布需求 / 推介成果',
                children: `${e.demands.length} 项 / ${e.achievements.length} 项${e.hiddenPresented > 0 ? `（另有 ${e.hiddenPresented} 项未公开）` : ''}`,
              },
            ]}
          />
          {(e.demands.length > 0 || e.achievements.length > 0) && (
            <Flex vertical gap={4} style={{ marginTop: 8 }}>
              {e.demands.length > 0 && (
                <div>
                  <Typography.Text type="secondary">发布的需求：</Typography.Text>
                  {e.demands.map((d, i) => (
                    <span key={d.id}>
                      {i > 0 && '、'}
                      <Link to={pathTo.demand(d.id)}>{d.title}</Link>
                    </span>
                  ))}
                </div>
              )}
              {e.achievements.length > 0 && (
                <div>
                  <Typography.Text type="secondary">推介的成果：</Typography.Text>
                  {e.achievements.map((a, i) => (
                    <span key={a.id}>
                      {i > 0 && '、'}
                      <Link to={pathTo.achievement(a.id)}>{a.title}</Link>
                    </span>
                  ))}
                </div>
              )}
            </Flex>
          )}
          {e.participants && e.participants.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              参会单位及代表：{e.participants.join('、')}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }}>
            <Typography.Text strong>活动成效：</Typography.Text>
            {e.outcomes || <Typography.Text type="secondary">{e.isHeld ? '尚未填写' : '活动举办后填写'}</Typography.Text>}
          </Typography.Paragraph>
        </Card>
      ))}
    </Flex>
  );
}
