import { type Decimal, ZERO, dec, roundFen } from '../money';
import type { RegionalPlan } from './regional-plan';
import type { BillLine } from './schema';
import { money, note, step } from './trace';
import type { TraceNote, TraceStep } from './trace-schema';

/** The bill after §4.4's removals and discount, classified into the three catalogues (§3). */
export interface ClassifiedBill {
  /** Σ round(price × qty) over every line as billed (undiscounted). */
  total: Decimal;
  discount: Decimal;
  ownpay: Decimal;
  overlimit: Decimal;
  preselfpay: Decimal;
  inscope: Decimal;
  /** 个人自费 = ownpay + overlimit. */
  selfPaid: Decimal;
  /** Lines that left the bill before layer 1, by who bears them. */
  waivedByHospital: Decimal;
  /** Drugs settled at purchase price: the difference to the billed price is the hospital's. */
  purchasePriceDifference: Decimal;
  excessiveHospital: Decimal;
  excessivePersonal: Decimal;
  specificDrugs: Decimal;
  trace: TraceStep;
}

export function lineAmount(line: Pick<BillLine, 'price' | 'qty'>): Decimal {
  return roundFen(dec(line.price).times(line.qty));
}

type Removal = 'waived' | 'excessive-hospital' | 'excessive-personal' | 'specific-drug';

function removalOf(line: BillLine, plan: RegionalPlan): Removal | null {
  const fund = plan.povertyFund;
  if (fund?.waiver && line.kind !== undefined && fund.params.waivedKinds.value.includes(line.kind)) return 'waived';
  const supplementary = plan.supplementary;
  if (supplementary?.at === 'hospital') {
    if (line.excessive === 'hospital') return 'excessive-hospital';
    if (line.excessive === 'personal') return 'excessive-personal';
  }
  if (supplementary?.at === 'pharmacy' && line.specificDrug === true && (line.prescribedAtLevel ?? 0) >= supplementary.params.specificDrugMinLevel.value) {
    return 'specific-drug';
  }
  return null;
}

/** The price a line settles at (before any pharmacy discount): its purchase price where §4.4 says so. */
function settlingPrice(line: BillLine, plan: RegionalPlan): string {
  const fund = plan.povertyFund;
  if (!fund?.waiver || line.purchasePrice === undefined) return line.price;
  return line.kind !== undefined && fund.params.purchasePriceKinds.value.includes(line.kind) ? line.purchasePrice : line.price;
}

/** `billed[i]` is `lineAmount(lines[i])`, computed once by the caller's validation. */
export function classifyBill(lines: readonly BillLine[], billed: readonly Decimal[], plan: RegionalPlan): ClassifiedBill {
  const priceFactor = plan.pharmacyDiscount ? dec(plan.pharmacyDiscount.params.priceFactor.value) : null;
  let purchasePriceDifference = ZERO;
  let total = ZERO;
  let discount = ZERO;
  let ownpay = ZERO;
  let overlimit = ZERO;
  let preselfpay = ZERO;
  let inscope = ZERO;
  const removed: Record<Removal, Decimal> = {
    waived: ZERO,
    'excessive-hospital': ZERO,
    'excessive-personal': ZERO,
    'specific-drug': ZERO,
  };

  for (const [index, line] of lines.entries()) {
    const lineBilled = billed[index]!;
    total = total.plus(lineBilled);
    const removal = removalOf(line, plan);
    if (removal) {
      removed[removal] = removed[removal].plus(lineBilled);
      continue;
    }
    const qty = dec(line.qty);
    const basePrice = settlingPrice(line, plan);
    const baseAmount = basePrice === line.price ? lineBilled : roundFen(dec(basePrice).times(qty));
    purchasePriceDifference = purchasePriceDifference.plus(lineBilled.minus(baseAmount));
    const price = priceFactor ? dec(basePrice).times(priceFactor) : dec(basePrice);
    const amount = priceFactor ? roundFen(price.times(qty)) : baseAmount;
    if (priceFactor) discount = discount.plus(baseAmount.minus(amount));
    if (line.class === 'C') {
      ownpay = ownpay.plus(amount);
      continue;
    }
    const over = line.priceCap !== undefined && price.greaterThan(line.priceCap) ? roundFen(price.minus(line.priceCap).times(qty)) : ZERO;
    const eligible = amount.minus(over);
    const pre = line.class === 'B' ? roundFen(eligible.times(line.selfPayRatio ?? '0')) : ZERO;
    overlimit = overlimit.plus(over);
    preselfpay = preselfpay.plus(pre);
    inscope = inscope.plus(eligible.minus(pre));
  }

  const notes: TraceNote[] = [];
  if (removed.waived.greaterThan(0)) notes.push(note('classify.waived', { amount: money(removed.waived) }));
  if (removed['excessive-hospital'].greaterThan(0)) notes.push(note('classify.excessiveHospital', { amount: money(removed['excessive-hospital']) }));
  if (removed['excessive-personal'].greaterThan(0)) notes.push(note('classify.excessivePersonal', { amount: money(removed['excessive-personal']) }));
  if (removed['specific-drug'].greaterThan(0)) notes.push(note('classify.specificDrugs', { amount: money(removed['specific-drug']) }));
  if (purchasePriceDifference.greaterThan(0)) notes.push(note('classify.purchasePrice', { amount: money(purchasePriceDifference) }));
  if (priceFactor) notes.push(note('classify.pharmacyDiscount', { priceFactor: priceFactor.toString(), amount: money(discount) }));

  const selfPaid = ownpay.plus(overlimit);
  return {
    total,
    discount,
    ownpay,
    overlimit,
    preselfpay,
    inscope,
    selfPaid,
    waivedByHospital: removed.waived,
    purchasePriceDifference,
    excessiveHospital: removed['excessive-hospital'],
    excessivePersonal: removed['excessive-personal'],
    specificDrugs: removed['specific-drug'],
    trace: step({
      step: 'classify.bill',
      layer: 'classify',
      applies: true,
      data: { total: money(total), ownpay: money(ownpay), overlimit: money(overlimit), preselfpay: money(preselfpay), inscope: money(inscope) },
      base: total,
      amount: inscope,
      notes,
    }),
  };
}
