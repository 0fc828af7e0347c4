import { CheckCircleTwoTone } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { useVerifyContract } from '../api/get-contract.js';
import { formatFen } from '../codes.js';

function VerifyView({ number, code }: { number: string; code: string | null }) {
  const facts = useVerifyContract(number, code);
  if (facts.error) return <Alert type="error" showIcon title="未查到登记信息" description={facts.error.detail} />;
  if (!facts.data) return <Skeleton active />;
  const f = facts.data;
  return (
    <Card>
      <Flex vertical gap={16}>
        <Flex gap={8} align="center">
          <CheckCircleTwoTone twoToneColor="#52c41a" style={{ fontSize: 28 }} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            登记信息真实有效
          </Typography.Title>
        </Flex>
        <Descriptions column={1} bordered>
          <Descriptions.Item label="登记编号">{f.registrationNumber}</Descriptions.Item>
          <Descriptions.Item label="合同名称">{f.title}</Descriptions.Item>
          <Descriptions.Item label="合同类型">{f.contractTypeLabel}</Descriptions.Item>
          {f.parties.map((p) => (
            <Descriptions.Item key={`${p.roleName}-${p.name}`} label={p.roleName}>
              {p.name}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label="技术交易额">¥{formatFen(f.transactionAmountFen)}</Descriptions.Item>
          <Descriptions.Item label="登记日期">{f.registeredOn}</Descriptions.Item>
          <Descriptions.Item label="登记地">{f.regionName ?? f.regionCode}</Descriptions.Item>
        </Descriptions>
      </Flex>
    </Card>
  );
}

/** 登记证明查验 (public): the link printed on a certificate lands here. */
export function VerifyContractPage() {
  const { number } = useParams();
  const [params] = useSearchParams();
  return (
    <PublicAntd>
      <div style={{ maxWidth: 800, margin: '0 auto', padding: 24 }}>
        <Typography.Title level={2}>技术合同登记证明查验</Typography.Title>
        {number ? <VerifyView number={number} code={params.get('code')} /> : null}
      </div>
    </PublicAntd>
  );
}
