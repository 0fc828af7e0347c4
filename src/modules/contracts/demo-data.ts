import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { fenToYuanString } from '../../platform/money.js';
import { organizations, systemActorByEmail } from '../accounts/index.js';
import { acceptContract, insertSubmittedContract, registerContract } from './contracts.service.js';

const DAY = 86_400_000;

/** A tiny real PDF (pdfkit, built-in font) standing for a scanned signed contract. */
export async function demoSignedPdf(title: string): Promise<Buffer> {
  // A fixed creation date keeps the bytes, and so the SHA-256, the same on every seed.
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Signed technology contract (demo)', CreationDate: new Date('2026-01-01T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(16).text('Signed technology contract (Kehui demo data)');
  doc.moveDown().fontSize(10).text(title.replace(/[^\x20-\x7e]/g, '') || 'demo');
  doc.end();
  return done;
}

const shaOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Demo contracts between 江城理工大学 (seller) and 武汉光谷星辰激光科技 (buyer), written through the
 * module's own use cases at past times: one registered 20 days ago (its certificate can be printed),
 * one accepted 8 days ago awaiting the decision, one submitted 2 days ago. The listings demo's deal
 * stays awaiting its contract, for a visitor to sign one (签订技术合同).
 *
 * The seed gets only the database, not the file store, so the signed PDFs are recorded by the
 * SHA-256 of a generated PDF without their bytes: downloading a demo contract's text answers 404
 * with a note; the registration certificate does not depend on it.
 */
export async function seedContractsDemo(db: Db, now = new Date()): Promise<number> {
  const submitter = await systemActorByEmail(db, 'univ.member@kehui.example.cn');
  const buyerActor = await systemActorByEmail(db, 'enterprise.admin@kehui.example.cn');
  const registrar = await systemActorByEmail(db, 'gov.wuhan@kehui.example.cn');
  if (!submitter?.organizationId || !buyerActor?.organizationId || !registrar) return 0;
  const orgRows = await db
    .select({ id: organizations.id, name: organizations.name, creditCode: organizations.creditCode, regionCode: organizations.regionCode })
    .from(organizations)
    .where(eq(organizations.id, submitter.organizationId));
  const buyerRows = await db
    .select({ id: organizations.id, name: organizations.name, creditCode: organizations.creditCode, regionCode: organizations.regionCode })
    .from(organizations)
    .where(eq(organizations.id, buyerActor.organizationId));
  const seller = orgRows[0];
  const buyer = buyerRows[0];
  if (!seller || !buyer) return 0;
  const ctx = (actor: Actor): RequestContext => ({ actor, requestId: 'demo-data', ip: null });
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const parties = [
    { role: 'seller', organizationId: seller.id, name: seller.name, creditCode: seller.creditCode, regionCode: seller.regionCode, legalNature: 'university', position: 0 },
    { role: 'buyer', organizationId: buyer.id, name: buyer.name, creditCode: buyer.creditCode, regionCode: buyer.regionCode, legalNature: 'enterprise_private', position: 1 },
  ];
  const specs = [
    {
      title: '高功率光纤激光器水冷散热模块委托开发合同',
      contractType: 'development_commissioned',
      keyField: 'intelligent_equipment',
      valueFen: 120_000_000,
      schedule: [{ daysAgo: 30, fen: 40_000_000 }, { daysAgo: -90, fen: 80_000_000 }],
      submittedDaysAgo: 40,
      acceptedDaysAgo: 38,
      registered: { daysAgo: 20, transactionFen: 110_000_000 },
      dealId: null as string | null,
      achievementId: null as string | null,
    },
    {
      title: '激光熔覆再制造工艺技术服务合同',
      contractType: 'service',
      keyField: 'intelligent_equipment',
      valueFen: 36_000_050,
      schedule: [{ daysAgo: -30, fen: 36_000_050 }],
      submittedDaysAgo: 10,
      acceptedDaysAgo: 8,
      registered: null,
      dealId: null,
      achievementId: null,
    },
    {
      title: '激光焊接在线监测专利实施许可合同',
      contractType: 'license_patent',
      keyField: 'intelligent_equipment',
      valueFen: 80_000_000,
      schedule: [{ daysAgo: -15, fen: 80_000_000 }],
      submittedDaysAgo: 2,
      acceptedDaysAgo: null,
      registered: null,
      dealId: null,
      achievementId: null,
    },
  ];
  let n = 0;
  for (const spec of specs) {
    const submittedAt = at(spec.submittedDaysAgo);
    const pdf = await demoSignedPdf(spec.title);
    const row = await insertSubmittedContract(
      db,
      ctx(submitter),
      {
        values: {
          contractType: spec.contractType,
          title: spec.title,
          partiesContractNo: `JCLG-2026-${String(n + 1).padStart(3, '0')}`,
          signedOn: day(at(spec.submittedDaysAgo + 3)),
          validFrom: day(at(spec.submittedDaysAgo + 3)),
          validTo: day(at(spec.submittedDaysAgo - 365)),
          keyField: spec.keyField,
          industry: 'C',
          summary: '江城理工大学光电学院为武汉光谷星辰激光科技有限公司提供技术成果与研发支持（演示数据）。',
          regionCode: seller.regionCode,
          submittedByOrganizationId: seller.id,
          achievementId: spec.achievementId,
          dealId: spec.dealId,
          demandId: null,
          contractValueFen: spec.valueFen,
          signedPdfSha256: shaOf(pdf),
          signedPdfName: `${spec.title}（已签署）.pdf`,
          signedPdfBytes: pdf.length,
          createdBy: submitter.userId,
        },
        parties,
        scheduled: spec.schedule.map((s) => ({ onDate: day(at(s.daysAgo)), fen: s.fen, note: '' })),
      },
      submittedAt,
    );
    if (spec.acceptedDaysAgo !== null) await acceptContract({ db }, ctx(registrar), row.id, at(spec.acceptedDaysAgo));
    if (spec.registered) {
      await registerContract({ db }, ctx(registrar), row.id, { transactionAmount: fenToYuanString(spec.registered.transactionFen), comment: '经审查，准予登记' }, at(spec.registered.daysAgo));
    }
    n++;
  }
  return n;
}
