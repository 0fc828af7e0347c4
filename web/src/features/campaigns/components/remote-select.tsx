import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { useDebouncedValue } from '../../../lib/use-debounced-value.js';

export interface RemoteOption {
  value: string;
  label: string;
}

interface CommonProps {
  /** Looks options up for the typed text ('' when nothing is typed yet). */
  fetchOptions: (text: string, signal: AbortSignal) => Promise<RemoteOption[]>;
  /** Labels of values chosen before (an edited record's), so they show as names, not ids. */
  knownOptions?: RemoteOption[];
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
}

type Props =
  | (CommonProps & { multiple: true; value?: string[]; onChange?: (value: string[]) => void })
  | (CommonProps & { multiple?: false; value?: string | null; onChange?: (value: string | undefined, option: RemoteOption | undefined) => void });

/** A searchable select whose options come from an API as the user types (debounced). */
export function RemoteSelect(props: Props) {
  const { fetchOptions, knownOptions, placeholder, id } = props;
  const [text, setText] = useState('');
  const settled = useDebouncedValue(text, 300);
  const [options, setOptions] = useState<RemoteOption[]>([]);
  const [labels, setLabels] = useState<Map<string, string>>(() => new Map((knownOptions ?? []).map((o) => [o.value, o.label])));
  const [isLoading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!knownOptions?.length) return;
    setLabels((previous) => new Map([...previous, ...knownOptions.map((o) => [o.value, o.label] as const)]));
  }, [knownOptions]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    fetchOptions(settled.trim(), controller.signal).then(
      (found) => {
        if (controller.signal.aborted) return;
        setOptions(found);
        setLabels((previous) => new Map([...previous, ...found.map((o) => [o.value, o.label] as const)]));
        setLoading(false);
      },
      (caught: unknown) => {
        if (controller.signal.aborted) return;
        setOptions([]);
        setError(errorMessage(caught));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [settled, fetchOptions]);

  // Chosen values stay in the list (with their names) even when the current search does not find them.
  const chosen = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  const merged = useMemo(() => {
    const list = [...options];
    for (const value of chosen) {
      if (!list.some((o) => o.value === value)) list.unshift({ value, label: labels.get(value) ?? value });
    }
    return list;
  }, [options, chosen, labels]);

  const notFound = isLoading ? <Spin size="small" /> : (error ?? (settled ? '没有找到匹配项' : '请输入关键词搜索'));
  const common = {
    id,
    'aria-label': props['aria-label'],
    showSearch: { filterOption: false, onSearch: setText },
    placeholder,
    options: merged,
    notFoundContent: notFound,
    allowClear: true,
    style: { width: '100%' },
  } as const;

  if (props.multiple) {
    return <Select<string[]> {...common} mode="multiple" value={props.value ?? []} onChange={(value) => props.onChange?.(value)} />;
  }
  return (
    <Select<string>
      {...common}
      value={props.value ?? undefined}
      onChange={(value) => {
        const option = merged.find((o) => o.value === value);
        props.onChange?.(value, option);
      }}
    />
  );
}
