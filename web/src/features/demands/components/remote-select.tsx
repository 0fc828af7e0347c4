import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { useDebouncedValue } from '../../../lib/use-debounced-value.js';

export interface RemoteOption {
  value: string;
  label: string;
  /** A second line under the label (organization, region). */
  hint?: string;
}

export interface RemoteSelectProps {
  /** Loads the options matching the typed text ('' when the list opens). */
  load: (q: string, signal: AbortSignal) => Promise<RemoteOption[]>;
  /** Re-load when this changes (e.g. the organization whose brokers are listed). */
  dependency?: string;
  /** Labels of values set before any search (a preselected record), so the box shows a name, not an id. */
  initialOptions?: readonly RemoteOption[];
  mode?: 'multiple';
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  'aria-label'?: string;
}

/**
 * A Select whose options come from the server as the user types (debounced), keeping the labels of
 * what was picked even when a later search no longer lists it.
 */
export function RemoteSelect({ load, dependency, initialOptions, mode, value, onChange, id, placeholder, disabled, 'aria-label': ariaLabel }: RemoteSelectProps) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const [options, setOptions] = useState<RemoteOption[]>([]);
  const [isLoading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const known = useRef(new Map<string, RemoteOption>((initialOptions ?? []).map((option) => [option.value, option])));
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `dependency` names what `load` reads.
  useEffect(() => {
    if (disabled) return;
    const controller = new AbortController();
    setLoading(true);
    loadRef.current(q, controller.signal).then(
      (found) => {
        if (controller.signal.aborted) return;
        for (const option of found) known.current.set(option.value, option);
        setOptions(found);
        setProblem(undefined);
        setLoading(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setProblem(errorMessage(error));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [q, dependency, disabled]);

  const selected = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  const shown = [...options];
  for (const picked of selected) {
    const option = known.current.get(picked);
    if (option && !shown.some((item) => item.value === picked)) shown.unshift(option);
  }

  return (
    <Select<string | string[]>
      id={id}
      aria-label={ariaLabel}
      mode={mode}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={placeholder}
      disabled={disabled}
      value={value ?? undefined}
      onChange={(next) => {
        setText('');
        onChange?.(next ?? undefined);
      }}
      notFoundContent={isLoading ? <Spin size="small" /> : (problem ?? '没有匹配的结果')}
      options={shown.map((option) => ({ value: option.value, label: option.label, hint: option.hint }))}
      optionRender={(option) => (
        <div style={{ whiteSpace: 'normal' }}>
          <div>{option.label}</div>
          {option.data.hint && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{option.data.hint}</div>}
        </div>
      )}
    />
  );
}
