import { describe, expect, it } from 'vitest';
import { applyDemandPatch, budgetLabel, checkSubmittable, clockOf, emptyDemandData, isDeadlinePassed, responseRates, shanghaiDay } from './demand-rules.js';

const H = 3600_000;
const at = (iso: string) => new Date(iso);

describe('applyDemandPatch', () => {
  const now = at('2026-03-10T20:00:00Z'); // 2026-03-11 04:00 in Shanghai
  const base = emptyDemandData('需求', '420111');

  it('parses yuan strings into fen exactly, 万 included', () => {
    const r = applyDemandPatch(base, { budgetMode: 'range', budgetMin: '12.5万', budgetMax: '1,200,000.50' }, now);
    expect(r).toMatchObject({ ok: true, data: { budgetMinFen: 12_500_000, budgetMaxFen: 120_000_050 } });
  });

  it('reports a minimum above the maximum on budgetMin, and a bad amount on its own field', () => {
    expect(applyDemandPatch(base, { budgetMode: 'range', budgetMin: '90万', budgetMax: '80万' }, now)).toEqual({
      ok: false,
      errors: [{ path: 'budgetMin', message: '预算下限不能高于预算上限' }],
    });
    const bad = applyDemandPatch(base, { budgetMode: 'range', budgetMax: '-5' }, now);
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual(['budgetMax']);
  });

  it('drops the range when the budget is negotiable', () => {
    expect(applyDemandPatch(base, { budgetMode: 'negotiable', budgetMin: '10万' }, now)).toMatchObject({ ok: true, data: { budgetMinFen: null, budgetMaxFen: null } });
  });

  it('judges deadlines by the Shanghai calendar day', () => {
    // 04:00 on 11 March in Shanghai is still 10 March in UTC: the 10th has passed, the 11th has not.
    expect(applyDemandPatch(base, { deadline: '2026-03-10' }, now)).toEqual({ ok: false, errors: [{ path: 'deadline', message: '截止日期不能早于今天' }] });
    expect(applyDemandPatch(base, { deadline: '2026-03-11' }, now).ok).toBe(true);
    expect(shanghaiDay(now)).toBe('2026-03-11');
    expect(isDeadlinePassed('2026-03-10', now)).toBe(true);
    expect(isDeadlinePassed('2026-03-11', now)).toBe(false);
  });
});

describe('checkSubmittable', () => {
  it('lists every missing field with its path', () => {
    const d = { ...emptyDemandData('需求', '420111'), budgetMode: 'range' };
    expect(checkSubmittable(d, new Date()).map((e) => e.path)).toEqual(['description', 'keyField', 'demandType', 'budgetMin']);
  });
});

describe('budgetLabel', () => {
  const b = (budgetMinFen: number | null, budgetMaxFen: number | null, budgetFirm = true) => budgetLabel({ budgetMode: 'range', budgetMinFen, budgetMaxFen, budgetFirm });
  it('reads like the board shows it', () => {
    expect(b(50_000_000, 80_000_000)).toBe('50万–80万元（确定）');
    expect(b(12_500_000, null, false)).toBe('12.5万元以上（参考）');
    expect(b(null, 800_000, false)).toBe('8000元以内（参考）');
    expect(budgetLabel({ budgetMode: 'negotiable', budgetMinFen: null, budgetMaxFen: null, budgetFirm: false })).toBe('面议');
  });
});

describe('clockOf', () => {
  const due = at('2026-03-12T00:00:00Z');
  it('runs, is met or late, or overdue', () => {
    expect(clockOf({ dueAt: null, firstFollowUpAt: null }, due).state).toBe('none');
    expect(clockOf({ dueAt: due, firstFollowUpAt: null }, new Date(due.getTime() - H))).toMatchObject({ state: 'running', remainingMs: H });
    expect(clockOf({ dueAt: due, firstFollowUpAt: new Date(due.getTime() - 1) }, due)).toMatchObject({ state: 'met', remainingMs: null });
    expect(clockOf({ dueAt: due, firstFollowUpAt: new Date(due.getTime() + 1) }, due).state).toBe('late');
    expect(clockOf({ dueAt: due, firstFollowUpAt: null }, new Date(due.getTime() + 2 * H))).toMatchObject({ state: 'overdue', remainingMs: -2 * H });
  });
  it('stops when the demand is closed', () => {
    expect(clockOf({ dueAt: due, firstFollowUpAt: null, stoppedAt: new Date(due.getTime() - H) }, new Date(due.getTime() + 9 * H)).state).toBe('none');
    expect(clockOf({ dueAt: due, firstFollowUpAt: null, stoppedAt: new Date(due.getTime() + H) }, new Date(due.getTime() + 9 * H))).toMatchObject({ state: 'overdue', remainingMs: -H });
  });
});

describe('responseRates', () => {
  it('measures followed-up claims and claims held past their due time; a prompt refusal is not held against anyone', () => {
    const t0 = at('2026-03-01T00:00:00Z');
    const claim = (o: Partial<Parameters<typeof responseRates>[0][number]>) => ({
      organizationId: 'o1', organizationName: '机构一', status: 'active', createdAt: t0, dueAt: new Date(t0.getTime() + 48 * H), firstFollowUpAt: null, endedAt: null, ...o,
    });
    const rates = responseRates(
      [
        claim({ firstFollowUpAt: new Date(t0.getTime() + 2 * H) }),
        claim({ firstFollowUpAt: new Date(t0.getTime() + 60 * H) }),
        claim({}),
        claim({ status: 'refused', endedAt: new Date(t0.getTime() + H) }),
        claim({ status: 'refused', endedAt: new Date(t0.getTime() + 50 * H) }),
      ],
      new Date(t0.getTime() + 100 * H),
    );
    expect(rates).toEqual([
      { organizationId: 'o1', organizationName: '机构一', claims: 5, measured: 4, onTime: 1, late: 3, overdueOpen: 1, onTimeRate: 0.25, medianResponseHours: 31 },
    ]);
  });
});
