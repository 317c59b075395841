import { type Decimal, ZERO, formatMoney } from '../money';
import type { PolicyLibrary } from '../policy';
import { err, ok } from '../result';
import { classifyBill, lineAmount } from './bill';
import type { SettleContext } from './context';
import { invalidInput } from './errors';
import { settleFlags } from './flags';
import { settleAssistance } from './layers/assistance';
import { settleBasic } from './layers/basic';
import { catastrophicBaseOf, settleCatastrophic } from './layers/catastrophic';
import { settleFourthLayer } from './layers/fourth-layer';
import { givenLayers, nationalAmountsSchema, relieve, type NationalAmounts, type SettleMode } from './national';
import { NO_REGIONAL_PLAN, planRegional } from './regional-plan';
import { AMOUNT_FIELDS, type AmountField, PAYER_FIELDS, type SettleOutcome, type SettlementInput, type SettlementResult, settlementInputSchema } from './schema';
import { note, step } from './trace';

const MAX_LINE_AMOUNT = '99999999.99';

/** An input that can only be judged once the bill is classified (a review above 个人自费). */
class InvalidInputError extends Error {}

/** Thrown when a result breaks §1's invariant: a defect in the engine, never adjusted silently. */
export class SettlementInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettlementInvariantError';
  }
}

/**
 * Settles one bill: validates the inputs (§2), picks the policy version in force on the
 * settlement date and runs the layers of §4 in order. Pure: same inputs, same result.
 */
export function settle(raw: unknown, library: PolicyLibrary, mode: SettleMode = { kind: 'local' }): SettleOutcome {
  const parsed = settlementInputSchema.safeParse(raw);
  if (!parsed.success) return err(invalidInput(parsed.error, raw));
  let given: NationalAmounts | undefined;
  if (mode.kind === 'national-given') {
    const amounts = nationalAmountsSchema.safeParse(mode.amounts);
    if (!amounts.success) return err({ code: 'invalid-input', message: amounts.error.issues[0]!.message });
    given = amounts.data;
  }
  const input = parsed.data;
  const billed = input.lines.map(lineAmount);
  for (const [index, line] of input.lines.entries()) {
    if (billed[index]!.greaterThan(MAX_LINE_AMOUNT)) {
      return err({ code: 'invalid-input', message: `费用明细第 ${index + 1} 行（编码 ${line.code}）：金额超过上限 ${MAX_LINE_AMOUNT}` });
    }
  }
  const lookup = library.versionOn(input.policy, input.date);
  if (!lookup.ok) {
    const message = lookup.reason === 'unknown-region' ? `未知统筹区 ${input.policy}，没有对应的政策文件` : `统筹区 ${input.policy} 在 ${input.date} 没有有效的政策版本`;
    return err({ code: 'no-policy', message });
  }
  const params = lookup.version.insurance[input.person.insurance];
  if (!params) {
    return err({ code: 'unsupported-insurance', message: `政策版本 ${lookup.version.id} 没有险种 ${input.person.insurance} 的参数` });
  }
  try {
    const resolved: ResolvedMode = given ? { kind: 'national-given', amounts: given } : mode.kind === 'national-only' ? { kind: 'national-only' } : { kind: 'local' };
    return ok(computeSettlement({ input, version: lookup.version, params }, billed, resolved));
  } catch (error) {
    if (error instanceof InvalidInputError) return err({ code: 'invalid-input', message: error.message });
    throw error;
  }
}

type ResolvedMode = { kind: 'local' } | { kind: 'national-only' } | { kind: 'national-given'; amounts: NationalAmounts };

export function computeSettlement(ctx: SettleContext, billed = ctx.input.lines.map(lineAmount), mode: ResolvedMode = { kind: 'local' }): SettlementResult {
  // The centre knows no regional measure: its settlement (and our cross-check of it) has none.
  const plan = mode.kind === 'national-only' ? NO_REGIONAL_PLAN : planRegional(ctx);
  const bill = classifyBill(ctx.input.lines, billed, plan);
  if (ctx.input.review && bill.selfPaid.lessThan(ctx.input.review.disallowed)) {
    throw new InvalidInputError(`专家审核不予支付金额 ${formatMoney(ctx.input.review.disallowed)} 超过本单个人自费 ${formatMoney(bill.selfPaid)}`);
  }
  const national = mode.kind === 'national-given' ? withCopays(givenLayers(bill, mode.amounts), bill) : nationalLayers(ctx, bill);
  const copay3 = national.copay3;
  const { copay1, copay2 } = national;
  const fourth = settleFourthLayer(ctx, plan, bill, copay3);

  const patientCash = copay3
    .plus(bill.selfPaid)
    .plus(bill.excessivePersonal)
    .plus(bill.specificDrugs)
    .minus(fourth.supplementary)
    .minus(fourth.povertyFund)
    .minus(fourth.hospitalSplit);
  const amounts: Record<AmountField, Decimal> = {
    total: bill.total,
    ownpay: bill.ownpay,
    overlimit: bill.overlimit,
    preselfpay: bill.preselfpay,
    inscope: bill.inscope,
    basic: national.basic,
    catastrophic: national.catastrophic,
    assistance: national.assistance,
    supplementary: fourth.supplementary,
    povertyFund: fourth.povertyFund,
    hospitalShare: bill.waivedByHospital.plus(bill.excessiveHospital).plus(bill.purchasePriceDifference).plus(fourth.hospitalSplit),
    discount: bill.discount,
    patientCash,
  };
  if (national.excess.greaterThan(0) && relieve(amounts, national.excess).greaterThan(0)) {
    throw new InvalidInputError(`医保中心基金支付合计超过本单费用总额 ${formatMoney(bill.total)}`);
  }
  assertInvariant(amounts);
  const flags = settleFlags(ctx, amounts.patientCash);

  return {
    policyVersion: ctx.version.id,
    amounts: Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, formatMoney(amounts[f])])) as Record<AmountField, string>,
    selfPaid: formatMoney(bill.selfPaid),
    assistanceAdvanced: formatMoney(fourth.assistanceAdvanced ? national.assistance : ZERO),
    flags: { reviewRequired: fourth.reviewRequired, ...flags.flags },
    intermediates: {
      copay1: formatMoney(copay1),
      catastrophicBase: formatMoney(catastrophicBaseOf(ctx, copay1)),
      copay2: formatMoney(copay2),
      copay3: formatMoney(copay3),
      reviewThreshold: plan.povertyFund ? formatMoney(plan.povertyFund.params.reviewThreshold.value) : null,
    },
    trace: [
      bill.trace,
      ...national.trace,
      fourth.trace,
      step({
        step: 'patient.cash',
        layer: 'patient',
        applies: true,
        amount: amounts.patientCash,
        notes: bill.excessivePersonal.greaterThan(0) ? [note('patient.excessivePersonal', { amount: formatMoney(bill.excessivePersonal) })] : [],
      }),
      flags.trace,
    ],
  };
}

/** The centre's given amounts have no copay1 of ours: the in-scope part less what it paid, layer by layer. */
function withCopays(given: ReturnType<typeof givenLayers>, bill: ReturnType<typeof classifyBill>) {
  const copay1 = bill.preselfpay.plus(bill.inscope).minus(given.basic);
  return { ...given, copay1, copay2: copay1.minus(given.catastrophic) };
}

/** §4.1–§4.3 by the engine. */
function nationalLayers(ctx: SettleContext, bill: ReturnType<typeof classifyBill>) {
  const basic = settleBasic(ctx, bill);
  const catastrophic = settleCatastrophic(ctx, basic.copay1);
  const copay2 = basic.copay1.minus(catastrophic.catastrophic);
  const assistance = settleAssistance(ctx, copay2);
  return {
    basic: basic.basic,
    catastrophic: catastrophic.catastrophic,
    assistance: assistance.assistance,
    copay1: basic.copay1,
    copay2,
    copay3: copay2.minus(assistance.assistance),
    excess: ZERO,
    trace: [basic.trace, catastrophic.trace, assistance.trace],
  };
}

function assertInvariant(amounts: Record<AmountField, Decimal>): void {
  for (const field of AMOUNT_FIELDS) {
    if (amounts[field].isNegative() && !amounts[field].isZero()) {
      throw new SettlementInvariantError(`${field} is negative: ${amounts[field].toString()}`);
    }
    if (!amounts[field].times(100).isInteger()) {
      throw new SettlementInvariantError(`${field} is not a whole number of fen: ${amounts[field].toString()}`);
    }
  }
  const paid = PAYER_FIELDS.reduce((acc, f) => acc.plus(amounts[f]), ZERO);
  if (!paid.equals(amounts.total)) {
    throw new SettlementInvariantError(`layers add up to ${paid.toFixed(2)}, total is ${amounts.total.toFixed(2)}`);
  }
}

export type { SettlementInput };
