import { DeleteOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { type FieldPath, showFieldErrors, toFieldPath } from '../../../lib/form-errors.js';
import { useDictionary } from '../api/get-dictionary.js';
import { useUpdateDictionary } from '../api/update-dictionary.js';
import type { Dictionary, DictionaryInput } from '../types.js';

interface TermRow {
  word?: string;
  freq?: number | null;
}
interface DictionaryFormValues {
  terms: TermRow[];
  synonyms: string[][];
}

const toFormValues = (dictionary: Dictionary): DictionaryFormValues => ({
  terms: dictionary.terms.map((term) => ({ word: term.word, freq: term.freq })),
  synonyms: dictionary.synonyms,
});

/** The form as the API takes it; the server checks lengths, spaces and group sizes. */
function toInput(values: DictionaryFormValues): DictionaryInput {
  return {
    terms: (values.terms ?? []).map((row) => ({
      word: (row.word ?? '').trim(),
      ...(typeof row.freq === 'number' ? { freq: row.freq } : {}),
    })),
    synonyms: (values.synonyms ?? []).map((group) => (group ?? []).map((word) => word.trim()).filter(Boolean)),
  };
}

/**
 * Server error paths → form fields: `terms.3.word` and `terms.3.freq` are fields as they are; a
 * word inside a synonym group (`synonyms.2.1`) goes onto its group's tags box.
 */
function fieldOf(path: string): FieldPath | undefined {
  const synonym = /^synonyms\.(\d+)(?:\.\d+)?$/.exec(path);
  if (synonym) return ['synonyms', Number(synonym[1])];
  if (/^terms\.\d+\.(word|freq)$/.test(path)) return toFieldPath(path);
  return undefined;
}

/** "词条 词频" per line (词频 optional; space, tab or comma between). */
function parseBulk(text: string): TermRow[] {
  const rows: TermRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    const parts = line.trim().split(/[\s,，\t]+/).filter(Boolean);
    const [word, freq] = parts;
    if (!word) continue;
    rows.push({ word, freq: freq && /^\d{1,8}$/.test(freq) ? Number(freq) : null });
  }
  return rows;
}

function BulkAddModal({ open, onClose, onAdd }: { open: boolean; onClose: () => void; onAdd: (rows: TermRow[]) => void }) {
  const [text, setText] = useState('');
  const rows = parseBulk(text);
  return (
    <Modal
      title="批量添加词条"
      open={open}
      onCancel={onClose}
      okText={`添加 ${rows.length} 个词条`}
      okButtonProps={{ disabled: rows.length === 0 }}
      onOk={() => {
        onAdd(rows);
        setText('');
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">每行一个词条，可在词条后加空格和词频，例如「固态电池 2000」。</Typography.Paragraph>
      <Input.TextArea aria-label="批量词条" rows={10} value={text} onChange={(event) => setText(event.target.value)} />
    </Modal>
  );
}

function DictionaryEditor({ dictionary, onSaved }: { dictionary: Dictionary; onSaved: (next: Dictionary) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DictionaryFormValues>();
  const save = useUpdateDictionary();
  const [errors, setErrors] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [isBulkOpen, setBulkOpen] = useState(false);
  const terms = Form.useWatch('terms', form) ?? [];
  const groups = Form.useWatch('synonyms', form) ?? [];

  // setFields replaces the lists (setFieldsValue would merge a shorter list into the old one).
  const load = (values: DictionaryFormValues) => {
    form.setFields([
      { name: 'terms', value: values.terms, errors: [] },
      { name: 'synonyms', value: values.synonyms, errors: [] },
    ]);
  };

  const handleFinish = async (values: DictionaryFormValues) => {
    setErrors([]);
    try {
      const next = await save.mutate(toInput(values));
      onSaved(next);
      load(toFormValues(next));
      message.success(`已保存 ${next.terms.length} 个词条、${next.synonyms.length} 组同义词，检索索引将在约 1 秒内重建`);
    } catch (caught) {
      if (!isApiError(caught)) {
        setErrors(['保存失败，请稍后再试。']);
        return;
      }
      const unmatched = showFieldErrors(form, caught.errors, fieldOf);
      // Rows hidden by the finder would hide their messages.
      setFilter('');
      const onFields = caught.errors.length - unmatched.length;
      setErrors([
        onFields > 0 ? `有 ${caught.errors.length} 处需要修改，请按标红的提示修改后再保存` : caught.detail,
        ...unmatched.map((error) => error.message),
      ]);
    }
  };

  const needle = filter.trim();
  return (
    <Form<DictionaryFormValues> form={form} layout="vertical" onFinish={handleFinish} initialValues={toFormValues(dictionary)}>
      <Flex vertical gap={16}>
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={errors[0]}
            description={errors.length > 1 ? errors.slice(1).join('；') : undefined}
          />
        )}

        <Card
          title={`领域词条（${terms.length}）`}
          extra={
            <Input
              aria-label="查找词条"
              placeholder="查找词条"
              prefix={<SearchOutlined />}
              allowClear
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              style={{ width: 180 }}
            />
          }
        >
          <Typography.Paragraph type="secondary">
            {`系统已内置 ${dictionary.defaults} 个常用领域词（不在此列出），成果关键词也会自动加入。` +
              '这里补充的词条在检索时作为整词切分；词频越高越倾向于整词切分，留空则自动估计。'}
          </Typography.Paragraph>
          <Form.List name="terms">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field, index) => {
                  const word = terms[field.name]?.word ?? '';
                  const isHidden = needle !== '' && !word.includes(needle);
                  return (
                    <Flex key={field.key} gap={8} align="start" style={isHidden ? { display: 'none' } : undefined}>
                      <Form.Item
                        name={[field.name, 'word']}
                        rules={[{ required: true, whitespace: true, message: '请填写词条' }]}
                        style={{ flex: 1, margin: 0 }}
                      >
                        <Input aria-label={`词条 ${index + 1}`} placeholder="词条，如 固态电池" maxLength={40} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'freq']} style={{ width: 140, margin: 0 }}>
                        <InputNumber<number>
                          aria-label={`词频 ${index + 1}`}
                          placeholder="词频（自动）"
                          min={1}
                          max={10_000_000}
                          precision={0}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label={`删除词条 ${index + 1}`}
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  );
                })}
                {fields.length === 0 && <Typography.Text type="secondary">尚未添加词条</Typography.Text>}
                <Flex gap={8} wrap>
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => {
                      setFilter('');
                      add({ word: '', freq: null });
                    }}
                  >
                    添加词条
                  </Button>
                  <Button onClick={() => setBulkOpen(true)}>批量添加</Button>
                </Flex>
                <BulkAddModal
                  open={isBulkOpen}
                  onClose={() => setBulkOpen(false)}
                  onAdd={(rows) => {
                    const known = new Set(terms.map((row) => row?.word?.trim()));
                    for (const row of rows) if (!known.has(row.word)) add(row);
                  }}
                />
              </Flex>
            )}
          </Form.List>
        </Card>

        <Card title={`同义词组（${groups.length}）`}>
          <Typography.Paragraph type="secondary">
            同一组内的词互为同义词：检索其中任一个词，也会找到含其他词的记录。每组至少 2 个词，输入后按回车或逗号分隔。
          </Typography.Paragraph>
          <Form.List name="synonyms">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item
                      name={field.name}
                      rules={[{ type: 'array', min: 2, message: '同义词组至少 2 个词' }]}
                      style={{ flex: 1, margin: 0 }}
                    >
                      <Select
                        mode="tags"
                        aria-label={`同义词组 ${index + 1}`}
                        placeholder="输入同义词，回车确认"
                        tokenSeparators={[',', '，', '、', ' ']}
                        open={false}
                        suffixIcon={null}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={`删除同义词组 ${index + 1}`}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                {fields.length === 0 && <Typography.Text type="secondary">尚未添加同义词组</Typography.Text>}
                <div>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add([])}>
                    添加同义词组
                  </Button>
                </div>
              </Flex>
            )}
          </Form.List>
        </Card>

        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
          <Button
            onClick={() => {
              load(toFormValues(dictionary));
              setErrors([]);
            }}
          >
            撤销修改
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}

/** 检索词典 (operator): the domain terms and synonym groups the search segments and expands with. */
export function SearchDictionaryPage() {
  const dictionary = useDictionary();
  const [saved, setSaved] = useState<Dictionary | undefined>(undefined);
  const current = saved ?? dictionary.data;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        检索词典
      </Typography.Title>
      {dictionary.error && (
        <Alert
          type="error"
          showIcon
          title={dictionary.error.detail}
          action={
            <Button size="small" onClick={dictionary.reload}>
              重试
            </Button>
          }
        />
      )}
      {!current && dictionary.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
      {current && <DictionaryEditor dictionary={current} onSaved={setSaved} />}
    </Flex>
  );
}
