import type { Role } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import * as q from './accounts.queries.js';
import type { OrganizationType } from './accounts.schemas.js';
import { withCheckCharacter } from './credit-code.js';
import { hashPassword } from './passwords.js';

/**
 * Builders shared by the demo data and the tests (one way to make a valid record).
 * They write directly, without audit entries: they stand for records that already existed.
 */

let serial = 0;
const ORG_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid unified social credit code for a region, unique per call within a process. */
export function makeCreditCode(regionCode: string, seed?: number): string {
  let n = seed ?? Date.now() * 1000 + (serial++ % 1000);
  let body = '';
  for (let i = 0; i < 8; i++) {
    body = (ORG_CODE_ALPHABET[n % 31] ?? '0') + body;
    n = Math.floor(n / 31);
  }
  return withCheckCharacter(`91${regionCode}${body}0`.slice(0, 17));
}

export interface OrganizationSpec {
  name: string;
  type: OrganizationType;
  regionCode: string;
  status?: 'pending' | 'verified' | 'rejected';
  creditCode?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
}

export async function createOrganization(db: Db, spec: OrganizationSpec) {
  return q.insertOrganization(db, {
    name: spec.name,
    type: spec.type,
    regionCode: spec.regionCode,
    status: spec.status ?? 'verified',
    decidedAt: spec.status === 'pending' ? null : new Date(),
    creditCode: spec.creditCode ?? makeCreditCode(spec.regionCode),
    address: spec.address ?? '',
    contactName: spec.contactName ?? '',
    contactPhone: spec.contactPhone ?? '',
  });
}

export interface UserSpec {
  name: string;
  email?: string;
  mobile?: string;
  password: string;
  organizationId?: string | null;
  roles?: { role: Role; regionCode?: string | null }[];
  passwordHash?: string;
}

export async function createUser(db: Db, spec: UserSpec) {
  const user = await q.insertUser(db, {
    name: spec.name,
    email: spec.email ?? null,
    mobile: spec.mobile ?? null,
    passwordHash: spec.passwordHash ?? (await hashPassword(spec.password)),
    organizationId: spec.organizationId ?? null,
  });
  for (const r of spec.roles ?? []) await q.insertRole(db, user.id, r.role, r.regionCode ?? null);
  return user;
}
