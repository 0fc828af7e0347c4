import type { ConfigProviderProps } from 'antd';
import zhCNModule from 'antd/es/locale/zh_CN.js';

type Locale = NonNullable<ConfigProviderProps['locale']>;

function isWrapped(value: Locale | { default: Locale }): value is { default: Locale } {
  return 'default' in value;
}

/**
 * antd's Simplified Chinese locale. The root tsconfig (NodeNext) reads antd's ES build as
 * CommonJS and types this default import as `{ default: Locale }`, while Vite and the web
 * tsconfig (Bundler) see the locale itself; this accepts both.
 */
export const zhCN: Locale = isWrapped(zhCNModule) ? zhCNModule.default : zhCNModule;
