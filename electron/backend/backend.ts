import { LedgerError } from '../ledger';
import { contract, isOpName, type OpName, type OpOutput, type Result } from '../../shared/contract';
import { fail } from '../../shared/result';
import { BackendError, invalidArgument } from './errors';
import { handlers, type HandlerContext, type Handlers } from './handlers';
import { closeRuntime, openRuntime, type BackendOptions, type Runtime } from './runtime';
import { createWriteQueue } from './write-queue';

/** Who is calling: the shell fills it in (tests pass nothing). */
export interface CallContext {
  shell?: 'electron' | 'browser' | 'test';
}

export interface Backend {
  /** Validates, authorises, runs (mutations one at a time) and answers; never throws, never leaks a stack. */
  handle<K extends OpName>(op: K, rawInput: unknown, ctx?: CallContext): Promise<Result<OpOutput<K>>>;
  handle(op: string, rawInput: unknown, ctx?: CallContext): Promise<Result<unknown>>;
  /** For tests and the shells: the live services. */
  readonly runtime: Runtime;
  close(): Promise<void>;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const runtime = await openRuntime(options);
  const enqueue = createWriteQueue();
  let closed = false;
  const later = <T>(job: () => Promise<T>): Promise<T> => {
    const queued = enqueue(job);
    queued.catch((error: unknown) => runtime.logger.error('deferred job', error));
    return queued;
  };

  async function run(op: OpName, rawInput: unknown): Promise<Result<unknown>> {
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
    const job = () => run(op, rawInput);
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
    runtime,
    async close() {
      if (closed) return;
      closed = true;
      // Let a settlement in progress finish before the ledger closes.
      await enqueue(async () => undefined);
      await closeRuntime(runtime);
    },
  };
}
