/**
 * Shown while a page's chunk or the session loads. Plain markup on purpose: it ships in the entry
 * chunk that every visitor downloads first, where antd's Spin would add weight for a moment's use.
 */
export function PageFallback() {
  return (
    <div role="status" aria-live="polite" style={{ padding: '64px 0', textAlign: 'center', color: '#888' }}>
      加载中…
    </div>
  );
}
