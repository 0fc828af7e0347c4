import { Alert, Button, Card, Checkbox, Col, Divider, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { DateInput } from '../../../lib/date-input.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { useActiveProgrammes } from '../api/programmes.js';
import { simulateSubsidies } from '../api/simulate.js';
import { CONTRACT_TYPES, LEGAL_NATURES } from '../codes.js';
import { ComputationTable } from '../components/computation-table.js';
import type { Computation, SimulateBody } from '../types.js';

interface Values {
  programmeCode?: string;
  contractType: string;
  sellerNature: string;
  sellerRegion: string;
  buyerNature: string;
  buyerRegion: string;
  paid: string;
  registeredOn?: Dayjs;
  hasIntermediary?: boolean;
  dealPrice?: string;
  newProductSales?: string;
  periodFrom?: Dayjs;
  periodTo?: Dayjs;
  investment?: string;
  paidInCapital?: string;
  isInIncubator?: boolean;
  investeeName?: string;
}

/** Server paths → this form's flat fields. */
const FIELD_OF: Record<string, string> = {
  'contract.paid': 'paid',
  'contract.seller.regionCode': 'sellerRegion',
  'contract.buyer.regionCode': 'buyerRegion',
  'contract.dealPrice': 'dealPrice',
  'inputs.newProductSales': 'newProductSales',
  'inputs.investment': 'investment',
  'inputs.paidInCapital': 'paidInCapital',
};

function Simulator() {
  const programmes = useActiveProgrammes();
  const [form] = Form.useForm<Values>();
  const [results, setResults] = useState<Computation[] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    const day = (d?: Dayjs) => d?.format('YYYY-MM-DD');
    const body: SimulateBody = {
      ...(v.programmeCode ? { programmeCode: v.programmeCode } : {}),
      contract: {
        contractType: v.contractType as NonNullable<SimulateBody['contract']>['contractType'],
        seller: { legalNature: v.sellerNature as never, regionCode: v.sellerRegion },
        buyer: { legalNature: v.buyerNature as never, regionCode: v.buyerRegion },
        paid: v.paid,
        ...(v.registeredOn ? { registeredOn: day(v.registeredOn) } : {}),
        ...(v.hasIntermediary ? { hasIntermediary: true } : {}),
        ...(v.dealPrice ? { dealPrice: v.dealPrice } : {}),
      },
      inputs: {
        ...(v.newProductSales ? { newProductSales: v.newProductSales } : {}),
        ...(v.periodFrom ? { periodFrom: day(v.periodFrom) } : {}),
        ...(v.periodTo ? { periodTo: day(v.periodTo) } : {}),
        ...(v.investment ? { investment: v.investment } : {}),
        ...(v.paidInCapital ? { paidInCapital: v.paidInCapital } : {}),
        ...(v.investeeName ? { investeeName: v.investeeName } : {}),
        ...(v.isInIncubator ? { isInIncubator: true } : {}),
      },
    };
    try {
      setResults((await simulateSubsidies(body)).results);
    } catch (e) {
      if (isApiError(e) && e.errors.length) {
        const rest = showFieldErrors(form, e.errors, (p) => (FIELD_OF[p] ? [FIELD_OF[p]] : undefined));
        if (rest.length) setError(rest.map((x) => x.message).join('；'));
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const natures = LEGAL_NATURES.map((n) => ({ value: n.value, label: n.label }));
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        补助测算
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        填写技术合同（或投资）的基本情况，测算各生效项目可得的补助金额与计算公式。测算假定由合同的相应一方申请（如高校院所奖励由研究开发方申请），结果仅供参考，以审核批准为准。
      </Typography.Paragraph>
      <Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={run}
          initialValues={{ contractType: 'development_commissioned', sellerNature: 'university', sellerRegion: '420111', buyerNature: 'enterprise_private', buyerRegion: '420100' }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="programmeCode" label="补助项目（留空测算全部）">
                <Select allowClear options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contractType" label="合同类型" rules={[{ required: true }]}>
                <Select options={CONTRACT_TYPES.map((c) => ({ value: c.value, label: c.label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="paid" label="实际支付（到账）金额（元）" rules={[{ required: true, message: '请填写金额' }]} extra="精确到分，如 10,000,000.01 或 1000万">
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="sellerNature" label="卖方（研究开发方/让与方）性质">
                <Select options={natures} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="sellerRegion" label="卖方行政区划代码" rules={[{ required: true, pattern: /^\d{6}$/, message: '6 位代码' }]}>
                <Input maxLength={6} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="buyerNature" label="买方（委托方/受让方）性质">
                <Select options={natures} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="buyerRegion" label="买方行政区划代码" rules={[{ required: true, pattern: /^\d{6}$/, message: '6 位代码' }]}>
                <Input maxLength={6} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="registeredOn" label="登记日期（默认今天）">
                <DateInput />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="hasIntermediary" valuePropName="checked" label="中介机构促成">
                <Checkbox>经技术转移机构摘牌成交</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="dealPrice" label="成交价格（元，默认同支付金额）">
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Divider titlePlacement="start">新产品销售与投资（按需填写）</Divider>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="newProductSales" label="新产品销售额（元）">
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="periodFrom" label="销售期间起">
                <DateInput />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="periodTo" label="销售期间止">
                <DateInput />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="investeeName" label="被投企业">
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="investment" label="投资额（元）">
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="paidInCapital" label="天使基金实缴出资额（元）">
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="isInIncubator" valuePropName="checked" label="被投企业">
                <Checkbox>孵化器内初创企业</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={busy}>
            测算
          </Button>
        </Form>
      </Card>
      {results && (
        <Card title="测算结果">
          <ComputationTable results={results} />
        </Card>
      )}
    </Flex>
  );
}

/** 补助测算 (public): what would I get. */
export function SubsidySimulatorPage() {
  return (
    <PublicAntd>
      <Simulator />
    </PublicAntd>
  );
}
