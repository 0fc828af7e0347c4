import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Switch, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/routes.js';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { EmailPreferenceCard } from '../../notifications/components/email-preference-card.js';
import { deleteSavedSearch } from '../api/delete-saved-search.js';
import { useSavedSearches } from '../api/list-saved-searches.js';
import { updateSavedSearch } from '../api/update-saved-search.js';
import { SavedQueryText } from '../components/saved-query-text.js';
import { SavedSearchModal, type SavedSearchModalMode } from '../components/saved-search-modal.js';
import { savedSearchHref } from '../saved-search-query.js';
import type { SavedSearch } from '../types.js';

/**
 * 我的订阅: the caller's saved searches (GET/POST/PATCH/DELETE /api/saved-searches): open the results,
 * rename, switch the alert on new matching records, delete; and how notices reach one by e-mail.
 */
export function SavedSearchesPage() {
  const { message } = App.useApp();
  const list = useSavedSearches();
  const [modal, setModal] = useState<SavedSearchModalMode | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const items = list.data?.items ?? [];
  const limit = list.data?.limit;
  const isFull = limit !== undefined && items.length >= limit;

  const toggleAlert = async (search: SavedSearch, on: boolean) => {
    setBusy(search.id);
    try {
      await updateSavedSearch(search.id, { alert: on ? 'on' : 'off' });
      message.success(on ? `已开启提醒：${search.name}` : `已关闭提醒：${search.name}`);
      list.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(undefined);
    }
  };

  const remove = async (search: SavedSearch) => {
    setBusy(search.id);
    try {
      await deleteSavedSearch(search.id);
      message.success(`已删除订阅：${search.name}`);
      list.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(undefined);
    }
  };

  const columns: TableColumnsType<SavedSearch> = [
    {
      title: '名称',
      key: 'name',
      render: (_, row) => (
        <Link to={savedSearchHref(row)} title="按此条件检索">
          {row.name}
        </Link>
      ),
    },
    { title: '检索条件', key: 'query', render: (_, row) => <SavedQueryText query={row.query} /> },
    {
      title: '新结果提醒',
      key: 'alert',
      width: 110,
      render: (_, row) => (
        <Switch
          aria-label={`提醒：${row.name}`}
          checked={row.alert === 'on'}
          checkedChildren="开启"
          unCheckedChildren="关闭"
          loading={busy === row.id}
          onChange={(checked) => toggleAlert(row, checked)}
        />
      ),
    },
    { title: '最近提醒', key: 'lastAlertAt', render: (_, row) => (row.lastAlertAt ? formatDateTime(row.lastAlertAt) : '尚无') },
    { title: '创建时间', key: 'createdAt', render: (_, row) => formatDateTime(row.createdAt) },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, row) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => setModal({ kind: 'rename', search: row })}>
            重命名
          </Button>
          <Popconfirm title={`删除订阅“${row.name}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(row)}>
            <Button size="small" type="link" danger disabled={busy === row.id}>
              删除
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        我的订阅
      </Typography.Title>
      <Card
        title="保存的检索"
        extra={
          <Flex gap={8} align="center">
            {limit !== undefined && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {items.length} / {limit}
              </Typography.Text>
            )}
            <Button type="primary" icon={<PlusOutlined />} disabled={isFull} onClick={() => setModal({ kind: 'create' })}>
              新建订阅
            </Button>
          </Flex>
        }
      >
        <Typography.Paragraph type="secondary">
          在<Link to={paths.search}>科惠检索</Link>中设置关键词和筛选条件后点“保存检索”，即可订阅；开启提醒后，新发布的相符成果、需求或机构会通知您。
        </Typography.Paragraph>
        {isFull && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`最多保存 ${limit} 个检索，请删除不再需要的订阅后再添加。`} />}
        {list.error && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={list.error.detail} action={<Button onClick={list.reload}>重试</Button>} />
        )}
        <Table<SavedSearch>
          aria-label="保存的检索"
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={items}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '还没有保存的检索' }}
        />
      </Card>
      <EmailPreferenceCard />
      <SavedSearchModal
        mode={modal}
        onClose={() => setModal(undefined)}
        onDone={(saved) => {
          message.success(modal?.kind === 'rename' ? '已重命名' : `已保存订阅：${saved.name}`);
          setModal(undefined);
          list.reload();
        }}
      />
    </Flex>
  );
}
