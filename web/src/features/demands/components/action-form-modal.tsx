import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { type FieldPath, showFieldErrors, toFieldPath } from '../../../lib/form-errors.js';

export interface ActionFormModalProps<V extends object> {
  title: ReactNode;
  open: boolean;
  okText: string;
  danger?: boolean;
  width?: number;
  initialValues?: Partial<V>;
  /** Sends the form; an ApiError keeps the modal open with the server's field errors on the fields. */
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  /** A server path → this form's field (default: the path as it is). */
  mapPath?: (path: string) => FieldPath | undefined;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}

/**
 * A modal with a form for one demand action (拒绝, 跟进, 推荐方案, …): client rules first, then the
 * request; on a refusal the typed values stay, the server's field messages go onto the fields and
 * anything else above the form.
 */
export function ActionFormModal<V extends object>({
  title,
  open,
  okText,
  danger,
  width = 560,
  initialValues,
  onSubmit,
  onClose,
  mapPath = toFieldPath,
  children,
}: ActionFormModalProps<V>) {
  const [form] = Form.useForm<V>();
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [isPending, setPending] = useState(false);

  const handleOk = async () => {
    setProblem(undefined);
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setPending(true);
    try {
      await onSubmit(values);
    } catch (error) {
      if (isApiError(error)) {
        const unmatched = showFieldErrors(form, error.errors, mapPath);
        setProblem([error.detail, ...unmatched.map((item) => item.message)].join(' '));
      } else {
        setProblem('操作失败，请稍后再试。');
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      title={title}
      open={open}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger, loading: isPending }}
      onOk={handleOk}
      onCancel={() => {
        setProblem(undefined);
        onClose();
      }}
      // Mounted fresh on every opening, so initial values follow the record the modal opens for.
      destroyOnHidden
      width={width}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<V> form={form} layout="vertical" preserve={false} initialValues={initialValues}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
