import { Cascader } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { getRegion } from '../api/get-region.js';
import { listRegions } from '../api/list-regions.js';
import type { Region } from '../types.js';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

export interface RegionPickerProps {
  /** Six-digit region code (GB/T 2260). */
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** Set by antd Form.Item so the field's label points at the input. */
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  /** Whether a province or city may be chosen, not only a county (true: any level). */
  changeOnSelect?: boolean;
  'aria-label'?: string;
}

// Children of each loaded region, keyed by parent code; '' holds the provinces.
type ChildrenCache = Record<string, Region[]>;
const ROOT = '';

function buildOptions(cache: ChildrenCache, parent: string): RegionOption[] {
  return (cache[parent] ?? []).map((region) => {
    const children = cache[region.code];
    return {
      value: region.code,
      label: region.name,
      isLeaf: !region.hasChildren,
      ...(children ? { children: buildOptions(cache, region.code) } : {}),
    };
  });
}

/**
 * Picks a region province → city → county, loading each level from /api/regions only when it is
 * opened. The value is the six-digit code of the deepest level chosen.
 */
export function RegionPicker({
  value,
  onChange,
  id,
  placeholder = '请选择省 / 市 / 区县',
  disabled,
  changeOnSelect = true,
  'aria-label': ariaLabel,
}: RegionPickerProps) {
  const [cache, setCache] = useState<ChildrenCache>({});
  const [path, setPath] = useState<string[]>([]);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const pathRef = useRef(path);
  pathRef.current = path;

  const addChildren = useCallback((parent: string, regions: Region[]) => {
    setCache((previous) => ({ ...previous, [parent]: regions }));
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    listRegions(null, controller.signal).then(
      (result) => addChildren(ROOT, result.items),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorMessage(error));
      },
    );
    return () => controller.abort();
  }, [addChildren]);

  // A value set from outside (initial form values, an edit dialog): load its ancestors' children
  // so the cascader can show the names along the path.
  useEffect(() => {
    if (!value) {
      if (pathRef.current.length > 0) setPath([]);
      return;
    }
    if (pathRef.current[pathRef.current.length - 1] === value) return;
    const controller = new AbortController();
    (async () => {
      const detail = await getRegion(value, controller.signal);
      const codes = detail.path.map((step) => step.code);
      const ancestors = codes.slice(0, -1);
      const lists = await Promise.all(ancestors.map((code) => listRegions(code, controller.signal)));
      if (controller.signal.aborted) return;
      setCache((previous) => {
        const next = { ...previous };
        ancestors.forEach((code, index) => {
          const list = lists[index];
          if (list) next[code] = list.items;
        });
        return next;
      });
      setPath(codes);
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) setLoadError(errorMessage(error));
    });
    return () => controller.abort();
  }, [value]);

  const options = useMemo(() => buildOptions(cache, ROOT), [cache]);

  const loadData = useCallback(
    (selected: RegionOption[]) => {
      const target = selected[selected.length - 1];
      if (!target || target.isLeaf) return;
      listRegions(target.value).then(
        (result) => addChildren(target.value, result.items),
        (error: unknown) => setLoadError(errorMessage(error)),
      );
    },
    [addChildren],
  );

  const handleChange = (next: (string | number)[] | undefined) => {
    const codes = (next ?? []).map(String);
    setPath(codes);
    onChange?.(codes[codes.length - 1]);
  };

  return (
    <Cascader<RegionOption>
      id={id}
      aria-label={ariaLabel}
      options={options}
      loadData={loadData}
      value={path}
      onChange={handleChange}
      changeOnSelect={changeOnSelect}
      placeholder={loadError ?? placeholder}
      disabled={disabled}
      allowClear
      style={{ width: '100%' }}
      notFoundContent={loadError ?? '暂无地区数据'}
    />
  );
}
