import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/routes.js';
import { errorMessage, isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { createPeer, harvestNow, updatePeer, usePeers } from '../api/peers.js';
import { type CreatePeerInput, type HarvestPeer, PEER_STATUS, PROTOCOL_LABELS } from '../types.js';

interface PeerForm {
  name: string;
  baseUrl: string;
  protocol: 'oai-pmh' | 'kehui-feed';
  metadataPrefix?: string;
  sets?: string;
  scheduleMinutes?: number | null;
  credentials?: string;
}

/** 对接平台: the registry of peers harvested here, their status, last harvest, counts and errors. */
export function PeersPage() {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = usePeers({ page, pageSize: 20 });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PeerForm>();

  const submit = async (values: PeerForm) => {
    const input: CreatePeerInput = {
      name: values.name,
      baseUrl: values.baseUrl,
      protocol: values.protocol,
      metadataPrefix: values.metadataPrefix || 'oai_dc',
      sets: (values.sets ?? '').split(/[\s,，]+/).filter(Boolean),
      scheduleMinutes: values.scheduleMinutes ?? null,
      credentials: values.credentials || null,
    };
    try {
      await createPeer(input);
      message.success('已登记');
      setOpen(false);
      form.resetFields();
      list.reload();
    } catch (error) {
      const unmatched = isApiError(error) ? showFieldErrors(form, error.errors) : [];
      if (!isApiError(error) || !error.errors.length || unmatched.length) message.error(errorMessage(error));
    }
  };

  const run = async (peer: HarvestPeer, full: boolean) => {
    try {
      await harvestNow(peer.id, full);
      message.success(`已开始采集「${peer.name}」`);
      setTimeout(list.reload, 1500);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const toggle = async (peer: HarvestPeer) => {
    try {
      await updatePeer(peer.id, { isActive: !peer.isActive });
      list.reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const columns: TableColumnsType<HarvestPeer> = [
    {
      title: '平台',
      key: 'name',
      render: (_, p) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{p.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {PROTOCOL_LABELS[p.protocol]} · {p.protocol === 'oai-pmh' ? p.metadataPrefix : 'JSON'} · {p.baseUrl}
          </Typography.Text>
          {p.sets.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>集合：{p.sets.join('、')}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'status',
      render: (_, p) => (
        <Space direction="vertical" size={0}>
          <span>
            <Tag color={PEER_STATUS[p.status].color}>{PEER_STATUS[p.status].label}</Tag>
            {!p.isActive && <Tag>已停用</Tag>}
          </span>
          {p.lastError && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {p.lastErrorCode}：{p.lastError}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '最近采集', key: 'last', render: (_, p) => (p.lastHarvestAt ? formatDateTime(p.lastHarvestAt) : '—') },
    { title: '最近成功', key: 'ok', render: (_, p) => (p.lastSuccessAt ? formatDateTime(p.lastSuccessAt) : '—') },
    { title: '记录数', key: 'counts', render: (_, p) => `${p.counts.records}（已删除 ${p.counts.deleted}）` },
    { title: '周期', key: 'schedule', render: (_, p) => (p.scheduleMinutes ? `每 ${p.scheduleMinutes} 分钟` : '手动') },
    {
      title: '操作',
      key: 'actions',
      render: (_, p) => (
        <Space wrap>
          <Button size="small" type="primary" disabled={p.status === 'running'} onClick={() => run(p, false)}>
            立即采集
          </Button>
          <Button size="small" disabled={p.status === 'running'} onClick={() => run(p, true)}>
            全量采集
          </Button>
          <Button size="small" onClick={() => toggle(p)}>
            {p.isActive ? '停用' : '启用'}
          </Button>
          <Link to={`${paths.harvestRuns}?peerId=${p.id}`}>采集批次</Link>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="对接平台"
      extra={
        <Space>
          <Button onClick={list.reload}>刷新</Button>
          <Button type="primary" onClick={() => setOpen(true)}>
            登记平台
          </Button>
        </Space>
      }
    >
      {list.error && <Alert type="error" showIcon message={list.error.detail} style={{ marginBottom: 16 }} />}
      <Table<HarvestPeer>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
      />
      <Modal title="登记对接平台" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="登记" destroyOnHidden>
        <Form<PeerForm> form={form} layout="vertical" onFinish={submit} initialValues={{ protocol: 'oai-pmh', metadataPrefix: 'oai_dc' }}>
          <Form.Item name="name" label="平台名称" rules={[{ required: true, message: '请填写平台名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="protocol" label="协议">
            <Select options={Object.entries(PROTOCOL_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="baseUrl" label="基础地址" rules={[{ required: true, message: '请填写基础地址' }]} extra="OAI-PMH：如 https://example.cn/oai；科惠变更流：对方站点地址">
            <Input />
          </Form.Item>
          <Flex gap={16}>
            <Form.Item name="metadataPrefix" label="元数据格式" style={{ flex: 1 }}>
              <Input placeholder="oai_dc 或 kehui" />
            </Form.Item>
            <Form.Item name="scheduleMinutes" label="采集间隔（分钟）" style={{ flex: 1 }}>
              <InputNumber min={15} max={43200} style={{ width: '100%' }} placeholder="留空为手动" />
            </Form.Item>
          </Flex>
          <Form.Item name="sets" label="集合" extra="多个集合以空格或逗号分隔；留空为全部">
            <Input />
          </Form.Item>
          <Form.Item name="credentials" label="凭据" extra="令牌，或 用户名:密码；保存后不再显示">
            <Input.Password autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
