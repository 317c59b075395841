import type { OpName, OpOutput, OpParsedInput } from '../../../shared/contract';
import type { Runtime } from '../runtime';
import type { Session } from '../session';

export interface HandlerContext {
  runtime: Runtime;
  /** The operator at the till (null only for the public ops). */
  session: Session | null;
  /**
   * Runs `job` in the write queue after the current operation has answered (the commit's receipt):
   * the answer never waits for it. Resolves with the job's outcome.
   */
  later<T>(job: () => Promise<T>): Promise<T>;
}

export type Handler<K extends OpName> = (input: OpParsedInput<K>, ctx: HandlerContext) => Promise<OpOutput<K>> | OpOutput<K>;
export type Handlers = { [K in OpName]: Handler<K> };
