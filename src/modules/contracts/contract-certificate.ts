/**
 * The printable registration certificate (技术合同登记证明) as a PDF, drawn with pdfkit in a CJK
 * font (config KEHUI_PDF_FONT). It carries only what the registration states: number, type, title,
 * parties, amounts, registration day, registrar and the link that verifies it publicly.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../../platform/errors.js';

export interface CertificateFacts {
  registrationNumber: string;
  contractTypeLabel: string;
  title: string;
  parties: { roleName: string; name: string; regionName: string | null }[];
  /** Formatted "1,234.56" from exact fen. */
  contractValue: string;
  transactionAmount: string;
  signedOn: string;
  registeredOn: string;
  registrar: string;
  verifyUrl: string;
  verifyCode: string;
}

/** The family name inside the .ttc (pdfkit picks one font of a collection by name). */
const FONT_FAMILY = 'WenQuanYiMicroHei';

/** Renders the certificate; 503 (not_ready) with a Chinese message when the font file is missing. */
export async function renderCertificate(facts: CertificateFacts, fontPath: string): Promise<Buffer> {
  if (!existsSync(fontPath)) {
    throw new AppError('not_ready', `证书所需的中文字体文件不存在（${fontPath}），暂时无法生成登记证明，请联系平台运营方配置 KEHUI_PDF_FONT`);
  }
  const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: `技术合同登记证明 ${facts.registrationNumber}`, Author: '科惠网' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(fontPath, FONT_FAMILY);
  doc.fontSize(22).text('技术合同登记证明', { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(11).fillColor('#555').text(`登记编号：${facts.registrationNumber}`, { align: 'center' });
  doc.moveDown(1.5).fillColor('#000');
  const row = (label: string, value: string) => {
    doc.fontSize(12).text(`${label}：`, { continued: true }).text(value);
    doc.moveDown(0.4);
  };
  row('合同名称', facts.title);
  row('合同类型', facts.contractTypeLabel);
  for (const p of facts.parties) row(p.roleName, p.regionName ? `${p.name}（${p.regionName}）` : p.name);
  row('合同金额', `¥${facts.contractValue}`);
  row('技术交易额（经认定）', `¥${facts.transactionAmount}`);
  row('签订日期', facts.signedOn);
  row('登记日期', facts.registeredOn);
  row('登记机构', facts.registrar);
  doc.moveDown(1);
  doc.fontSize(10).fillColor('#333').text('经审查，该合同符合技术合同认定规则，准予登记。', { align: 'left' });
  doc.moveDown(1.5);
  doc.fontSize(10).text('真伪查验：', { continued: true }).fillColor('#1677ff').text(facts.verifyUrl, { link: facts.verifyUrl, underline: true });
  doc.fillColor('#333').text(`校验码：${facts.verifyCode}`);
  doc.end();
  return done;
}
