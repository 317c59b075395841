import { reconcileDay } from '../../upload';
import { bureauOperator } from '../runtime';
import { BackendError } from '../errors';
import { requireSession } from '../session';
import { approvingSupervisor } from '../supervisor-approval';
import type { Handlers } from './types';

export const uploadHandlers = {
  'upload.now': ({ wait }, { runtime }) => runtime.upload.start(wait ?? false),
  'upload.progress': (_input, { runtime }) => runtime.upload.view(),
  'upload.rejected': (_input, { runtime }) => runtime.upload.rejected(),
  'upload.requeue': async ({ ids, supervisor }, { runtime, session }) => {
    // A supervisor's session, or a supervisor approving at the cashier's till with their own credentials.
    if (supervisor) await approvingSupervisor(runtime, supervisor, '重新上传');
    else if (requireSession(session).operator.role !== 'supervisor') throw new BackendError('forbidden', '此操作须由主管登录后进行');
    const requeued = await runtime.upload.requeue(ids);
    const { pending, sent, acked, rejected } = await runtime.ledger.outboxCounts();
    return { requeued, outbox: { pending, sent, acked, rejected } };
  },
  'reconcile.day': async ({ date }, { runtime }) => {
    const areaCode = runtime.library.regions().find((r) => r.region === runtime.settings.region)?.admdvs ?? '';
    const day = await reconcileDay({ ledger: runtime.ledger, bureau: runtime.bureau.client(bureauOperator(runtime)), date, setlOptins: areaCode });
    return { ...day, groups: day.groups.map((g) => ({ ...g, error: g.error ?? null, detail: g.detail ? { ...g.detail, error: g.detail.error ?? null } : null })) };
  },
} satisfies Partial<Handlers>;
