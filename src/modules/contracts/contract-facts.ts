import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { contractParties, contractPayments, contracts } from './contracts.tables.js';

/** What other modules (subsidies, trace) may know of a contract: facts, not the record. */
export interface ContractFacts {
  id: string;
  status: string;
  contractType: string;
  title: string;
  regionCode: string;
  registrationNumber: string | null;
  /** When it was registered (decided), null unless registered. */
  registeredAt: Date | null;
  contractValueFen: number;
  transactionAmountFen: number | null;
  achievementId: string | null;
  dealId: string | null;
  demandId: string | null;
  parties: { role: string; organizationId: string | null; name: string; regionCode: string; legalNature: string }[];
  /** Sum of the payments recorded as made (buyer → seller), fen. */
  paidFen: number;
}

/** The facts of one contract, or null. Read-only; callable inside another module's transaction. */
export async function contractFacts(db: Db, contractId: string): Promise<ContractFacts | null> {
  const [c] = await db.select().from(contracts).where(eq(contracts.id, contractId));
  if (!c) return null;
  const parties = await db
    .select({
      role: contractParties.role,
      organizationId: contractParties.organizationId,
      name: contractParties.name,
      regionCode: contractParties.regionCode,
      legalNature: contractParties.legalNature,
    })
    .from(contractParties)
    .where(eq(contractParties.contractId, contractId))
    .orderBy(contractParties.position);
  const [paid] = await db
    .select({ total: sql<string>`coalesce(sum(${contractPayments.amountFen}), 0)` })
    .from(contractPayments)
    .where(and(eq(contractPayments.contractId, contractId), eq(contractPayments.kind, 'paid')));
  return {
    id: c.id,
    status: c.status,
    contractType: c.contractType,
    title: c.title,
    regionCode: c.regionCode,
    registrationNumber: c.registrationNumber,
    registeredAt: c.status === 'registered' ? c.decidedAt : null,
    contractValueFen: c.contractValueFen,
    transactionAmountFen: c.transactionAmountFen,
    achievementId: c.achievementId,
    dealId: c.dealId,
    demandId: c.demandId,
    parties,
    paidFen: Number(paid?.total ?? 0),
  };
}
