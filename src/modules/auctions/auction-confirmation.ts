/**
 * 成交确认书: the winner's confirmation of an auction deal as a PDF (pdfkit, CJK font from config
 * KEHUI_PDF_FONT). It states the public facts of the deal and the ledger's last hash, which anyone
 * can check on the lot's public result page.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../../platform/errors.js';

export interface ConfirmationFacts {
  confirmationNumber: string;
  sessionTitle: string;
  lotTitle: string;
  owner: string;
  buyer: string;
  paddle: number;
  /** Formatted "1,234.56" from exact fen. */
  price: string;
  startPrice: string;
  bids: number;
  closedAt: Date;
  noticeStart: string;
  noticeEnd: string;
  ledgerLastHash: string;
  verifyUrl: string;
  status: string;
}

const FONT_FAMILY = 'WenQuanYiMicroHei';

const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

export async function renderConfirmation(f: ConfirmationFacts, fontPath: string): Promise<Buffer> {
  if (!existsSync(fontPath)) {
    throw new AppError('not_ready', `成交确认书所需的中文字体文件不存在（${fontPath}），请联系平台运营方配置 KEHUI_PDF_FONT`);
  }
  const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: `成交确认书 ${f.confirmationNumber}`, Author: '科惠网' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(fontPath, FONT_FAMILY);
  doc.fontSize(22).text('成交确认书', { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(11).fillColor('#555').text(`编号：${f.confirmationNumber}`, { align: 'center' });
  doc.moveDown(1.5).fillColor('#000');
  const row = (label: string, value: string) => {
    doc.fontSize(12).text(`${label}：`, { continued: true }).text(value);
    doc.moveDown(0.4);
  };
  row('拍卖专场', f.sessionTitle);
  row('拍卖标的', f.lotTitle);
  row('成果所属单位（委托方）', f.owner);
  row('买受人', `${f.buyer}（竞买号 ${f.paddle}）`);
  row('起拍价', `¥${f.startPrice}`);
  row('成交价', `¥${f.price}`);
  row('有效出价次数', String(f.bids));
  row('竞价结束时间', `${shanghai(f.closedAt)}（北京时间）`);
  row('成交公示期', `${f.noticeStart} 至 ${f.noticeEnd}`);
  if (f.status === 'defaulted') row('状态', '买受人违约，本确认书作废');
  doc.moveDown(1);
  doc.fontSize(10).fillColor('#333').text('买受人在网上拍卖会中以最高应价竞得上述标的，且最高应价不低于保留价。双方应在成交公示期满后签订技术合同；买受人违约的，保证金不予退还。');
  doc.moveDown(1.5);
  doc.fontSize(9).text(`出价记录哈希链末条哈希：${f.ledgerLastHash}`);
  doc.fontSize(10).text('公开核验：', { continued: true }).fillColor('#1677ff').text(f.verifyUrl, { link: f.verifyUrl, underline: true });
  doc.end();
  return done;
}
