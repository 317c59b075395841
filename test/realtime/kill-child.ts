/**
 * The real-time settling process the kill test SIGKILLs: the bureau client with its state file and
 * the real-time flow with its attempt store, settling one bill (argv: centre URL, data folder, attempt id).
 */
import { join } from 'node:path';
import { BureauClient } from '../../electron/bureau/client';
import { RealtimeFlow, RealtimeStateStore } from '../../electron/realtime';
import { CASHIER, HOSPITAL } from '../bureau/helpers';
import { inpatientBill } from './helpers';

const [url, dir, attemptId] = process.argv.slice(2) as [string, string, string];
const client = BureauClient.open({ url, ...HOSPITAL, operator: CASHIER, timeoutMs: 30_000 }, join(dir, 'client-state.sqlite'));
const flow = new RealtimeFlow(client, new RealtimeStateStore(join(dir, 'realtime-state.db')));
const bill = inpatientBill(900, attemptId);
const quote = await flow.preSettle(bill);
if (!quote.ok) throw new Error(quote.error.message);
process.stdout.write('QUOTED\n');
const settled = await flow.settle(bill);
process.stdout.write(settled.ok ? `SETTLED ${settled.value.setlId}\n` : `FAILED ${settled.error.message}\n`);
