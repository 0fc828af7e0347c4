export const SITE_NAME = '科惠 · 技术转移公共服务平台';

/** Sets the browser tab's title: "页面 · 科惠 · 技术转移公共服务平台", or the site name alone. */
export function setDocumentTitle(title?: string): void {
  document.title = title ? `${title} · ${SITE_NAME}` : SITE_NAME;
}
