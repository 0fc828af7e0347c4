import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { zhCN } from './antd-locale.js';

/**
 * antd's configuration: Simplified Chinese texts and validation messages, and no space inserted
 * between two Chinese characters in buttons (antd would render "登录" as "登 录", which also
 * breaks finding buttons by name in tests).
 *
 * It wraps the pages that use antd (the workspace layout, the sign-in and registration pages)
 * rather than the whole app, so the public home's first download carries no antd at all.
 */
export function AntdConfig({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      {children}
    </ConfigProvider>
  );
}
