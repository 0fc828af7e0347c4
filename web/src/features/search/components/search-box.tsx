import { AutoComplete, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '../../../lib/use-debounced-value.js';
import { useSuggestions } from '../api/get-suggestions.js';

export const SEARCH_PLACEHOLDER = '搜索科技成果、技术需求、机构';

/**
 * The search page's box: what is typed asks /api/search/suggest (after a short pause) for titles
 * and keywords, pinyin initials included (dc → 电池…). Enter or the button searches the text as
 * typed; a suggestion is searched when clicked, or when chosen with the arrow keys and Enter.
 */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (text: string) => void }) {
  const [text, setText] = useState(value);
  const [isOpen, setOpen] = useState(false);
  useEffect(() => setText(value), [value]);
  const typed = useDebouncedValue(text, 200);
  // No suggestions for the query already shown: they would only cover the results.
  const suggestions = useSuggestions(typed === value ? '' : typed);
  const options = typed && typed !== value ? (suggestions.data?.items ?? []).map((item) => ({ value: item, label: item })) : [];
  // The select marks a suggestion that starts with the typed text as active, so Enter alone would
  // pick it; only a suggestion reached with the arrow keys counts as chosen.
  const arrowedRef = useRef(false);
  const enterHandledRef = useRef(false);

  const run = (next: string) => {
    setOpen(false);
    setText(next);
    arrowedRef.current = false;
    onSearch(next.trim());
  };

  return (
    <AutoComplete
      value={text}
      options={options}
      open={isOpen && options.length > 0}
      onOpenChange={setOpen}
      onChange={(next: string) => {
        setText(next);
        setOpen(true);
      }}
      onSelect={(next: string) => {
        if (enterHandledRef.current) return;
        run(next);
      }}
      popupMatchSelectWidth
      style={{ width: '100%' }}
    >
      <Input.Search
        size="large"
        aria-label="搜索"
        placeholder={SEARCH_PLACEHOLDER}
        enterButton="搜索"
        allowClear
        maxLength={200}
        onChange={() => {
          arrowedRef.current = false;
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') arrowedRef.current = true;
        }}
        onSearch={(next, _event, info) => {
          if (info?.source === 'input' && isOpen && options.length > 0) {
            // Enter with the suggestions open: an arrowed suggestion is run by onSelect, which
            // the select calls right after this; otherwise the typed text wins and onSelect waits.
            if (arrowedRef.current) return;
            enterHandledRef.current = true;
            setTimeout(() => {
              enterHandledRef.current = false;
            });
          }
          run(next);
        }}
      />
    </AutoComplete>
  );
}
