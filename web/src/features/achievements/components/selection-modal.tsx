import { Alert, Button, Flex, Form, InputNumber, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import { selectAchievement } from '../api/select-achievement.js';
import type { AchievementDetail } from '../types.js';

const beijingYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** The operator marks a published record 科惠精品 of a year, or takes the mark away. */
export function SelectionModal({
  record,
  onClose,
  onDone,
}: {
  record: Pick<AchievementDetail, 'id' | 'title' | 'selectionYear'> | undefined;
  onClose: () => void;
  onDone: (detail: AchievementDetail) => void;
}) {
  const [year, setYear] = useState<number | null>(null);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const send = useApiMutation((input: { id: string; year: number | null }) => selectAchievement(input.id, { year: input.year }));
  useEffect(() => {
    if (record) setYear(record.selectionYear ?? beijingYear());
    setMessage(undefined);
  }, [record]);

  const run = async (value: number | null) => {
    if (!record) return;
    try {
      onDone(await send.mutate({ id: record.id, year: value }));
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <Modal
      title="科惠精品"
      open={record !== undefined}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ loading: send.isPending, disabled: year === null }}
      onOk={() => run(year)}
      onCancel={onClose}
      footer={(_, { CancelBtn, OkBtn }) => (
        <Flex justify="space-between" gap={8}>
          {record?.selectionYear ? (
            <Button danger loading={send.isPending} onClick={() => run(null)}>
              取消精品
            </Button>
          ) : (
            <span />
          )}
          <Flex gap={8}>
            <CancelBtn />
            <OkBtn />
          </Flex>
        </Flex>
      )}
    >
      {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph>{record?.title}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="评选年度" htmlFor="selection-year">
          <InputNumber<number>
            id="selection-year"
            min={2017}
            max={2100}
            precision={0}
            value={year}
            onChange={(value) => setYear(value)}
            style={{ width: 160 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
