import { Tag } from 'antd';
import { statusColors } from '../format.js';
import type { CampaignSummary } from '../types.js';

export function CampaignStatusTag({ campaign }: { campaign: Pick<CampaignSummary, 'status' | 'statusLabel'> }) {
  return (
    <Tag color={statusColors[campaign.status]} style={{ marginInlineEnd: 0 }}>
      {campaign.statusLabel}
    </Tag>
  );
}

export function RegionTags({ campaign }: { campaign: Pick<CampaignSummary, 'regions'> }) {
  return (
    <>
      {campaign.regions.map((r) => (
        <Tag key={r.code} style={{ marginInlineEnd: 4 }}>
          {r.name}
        </Tag>
      ))}
    </>
  );
}
