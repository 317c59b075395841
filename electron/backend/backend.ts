import { LedgerError } from '../ledger';
import { contract, isOpName, writesLedger, type OpName, type OpOutput, type Result } from '../../shared/contract';
import { fail } from '../../shared/result';
import { BackendError, invalidArgument } from './errors';
import { handlers, type HandlerContext, type Handlers } from './handlers';
import { closeRuntime, openRuntime, verifyAtStart, type BackendOptions, type Runtime } from './runtime';
import { createStartup } from './startup';
import { createWriteQueue } from './write-queue';

/** Who is calling: the shell fills it in (tests pass nothing). */
export interface CallContext {
  shell?: 'electron' | 'browser' | 'test';
}

export interface Backend {
  /** Validates, authorises, runs (mutations one at a time) and answers; never throws, never leaks a stack. */
  handle<K extends OpName>(op: K, rawInput: unknown, ctx?: CallContext): Promise<Result<OpOutput<K>>>;
  handle(op: string, rawInput: unknown, ctx?: CallContext): Promise<Result<unknown>>;
  /** For tests and the shells: the live services (once the ledger is open). */
  readonly runtime: Runtime;
  /** Resolves when the start-up verification has ended (the terminal takes writes); rejects when the backend cannot start. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** The backend, answered once it is ready (tests, tools): what startBackend gives, after its start-up. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const backend = startBackend(options);
  await backend.ready;
  return backend;
}

/**
 * The backend at once, for the shells to serve the window while it starts: `startup.status`
 * answers from the first moment (the start-up screen: upgrading, 正在核验台账 … 35%); other ops wait
 * for nothing — before the ledger is open they are refused (`backend-starting`), and while the
 * start-up verification runs every ledger write is refused (`ledger-verifying`), reads answer.
 */
export function startBackend(options: BackendOptions): Backend {
  const startup = createStartup();
  let runtime: Runtime | undefined;
  let verifying = true;
  let startFailure: { code: string; message: string } | undefined;
  const opened = openRuntime(options, startup).then((r) => (runtime = r));
  const ready = opened.then(async (r) => {
    try {
      await verifyAtStart(r);
    } finally {
      verifying = false;
    }
    startup.ready();
    r.logger.info('start-up verification done');
  });
  ready.catch((error: unknown) => {
    startFailure =
      error instanceof LedgerError || error instanceof BackendError
        ? { code: error.code, message: error.message }
        : { code: 'startup-failed', message: '一单通启动失败，请联系信息科（详情已记录在日志中）' };
    startup.failed(startFailure.code, startFailure.message);
    runtime?.logger.error('start-up failed', error);
  });
  return backendOn(() => runtime, {
    startup,
    ready,
    refusal: (op) => {
      if (startFailure) return startFailure;
      if (!runtime) return { code: 'backend-starting', message: `一单通正在启动（${startup.view().detail}），请稍候` };
      if (verifying && writesLedger(op)) return { code: 'ledger-verifying', message: `${startup.view().detail}：核验通过前暂不能写入台账，请稍候` };
      return undefined;
    },
  });
}

function backendOn(
  current: () => Runtime | undefined,
  start: { startup: ReturnType<typeof createStartup>; ready: Promise<void>; refusal: (op: OpName) => { code: string; message: string } | undefined },
): Backend {
  const enqueue = createWriteQueue();
  let closed = false;
  const later = <T>(job: () => Promise<T>): Promise<T> => {
    const queued = enqueue(job);
    queued.catch((error: unknown) => current()?.logger.error('deferred job', error));
    return queued;
  };

  async function run(runtime: Runtime, op: OpName, rawInput: unknown): Promise<Result<unknown>> {
    const spec = contract[op];
    // Authorise first: a caller who may not run the op learns nothing about its fields.
    const session = runtime.session.authorize(op);
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw invalidArgument(parsed.error);
    const handler = handlers[op] as Handlers[OpName] as (input: unknown, ctx: HandlerContext) => unknown;
    const value = await handler(parsed.data, { runtime, session, later });
    // The output schema is the promise made to the renderer: a mismatch is our bug, logged as such.
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      runtime.logger.error(`output of ${op} does not match the contract`, new Error(JSON.stringify(checked.error.issues.slice(0, 5))));
      throw new BackendError('internal', '系统内部错误（返回数据格式不符），请联系技术支持');
    }
    return { ok: true, value: checked.data };
  }

  async function handle(op: string, rawInput: unknown): Promise<Result<unknown>> {
    if (closed) return fail('internal', '系统正在关闭');
    if (!isOpName(op)) return fail('unknown-operation', `未知操作：${op.slice(0, 60)}`);
    if (op === 'startup.status') return { ok: true, value: start.startup.view() };
    const refused = start.refusal(op);
    const runtime = current();
    if (refused || !runtime) return fail(refused?.code ?? 'backend-starting', refused?.message ?? '一单通正在启动，请稍候');
    const job = () => run(runtime, op, rawInput);
    try {
      // Reads are tracked so that a rebuild of the services (settings.update) never closes them underneath.
      return await (contract[op].mutates ? enqueue(job) : runtime.jobs.read(job));
    } catch (error) {
      if (error instanceof BackendError) return fail(error.code, error.message, error.details);
      // The hospital's ledger server away (or another stable ledger refusal): its own code and Chinese message.
      if (error instanceof LedgerError) return fail(error.code, error.message);
      runtime.logger.error(`${op} failed`, error);
      return fail('internal', '系统内部错误，请重试；如仍失败请联系技术支持（详情已记录在日志中）');
    }
  }

  return {
    handle: handle as Backend['handle'],
    get runtime(): Runtime {
      const runtime = current();
      if (!runtime) throw new Error('backend not started yet');
      return runtime;
    },
    ready: start.ready,
    async close() {
      if (closed) return;
      closed = true;
      // Let the start-up and a settlement in progress finish before the ledger closes.
      await start.ready.catch(() => undefined);
      await enqueue(async () => undefined);
      const runtime = current();
      if (runtime) await closeRuntime(runtime);
    },
  };
}
