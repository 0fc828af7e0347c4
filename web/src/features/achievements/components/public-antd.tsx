import { App as AntdApp } from 'antd';
import type { ReactNode } from 'react';
import { AntdConfig } from '../../../app/antd-config.js';

/**
 * antd for the public achievement pages: the zh_CN configuration and `App.useApp()` (messages,
 * confirmations), which the workspace layout provides to its own pages.
 */
export function PublicAntd({ children }: { children: ReactNode }) {
  return (
    <AntdConfig>
      <AntdApp>{children}</AntdApp>
    </AntdConfig>
  );
}
