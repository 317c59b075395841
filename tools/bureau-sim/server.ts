/**
 * The bureau simulator: a node:http server on 127.0.0.1 speaking bureau.md §1–§2 at
 * /fsi/api/rsfComIfsService/callService, with fault injection (§5) set by options or by
 * POST /admin/faults on the same loopback server. GET /admin/faults and GET /admin/stats report;
 * GET /admin/requests lists what became of each request (request-log.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { JsonSyntaxError, parseJsonKeepingNumbers, BUREAU_PATH, requestEnvelopeSchema, infnoOfPath, EC_QUERY_FSI_PATH, EC_QUERY_PATH } from '../../electron/bureau';
import { compactMillis, compactTime } from '../../shared/time';
import { loadPolicyLibrary } from '../../electron/policy';
import type { PolicyLibrary } from '../../shared/policy';
import { nextCounter, openSimDb, type SimDb } from './db';
import { FaultInjector, faultSettingsSchema, type FaultKind, type FaultSettingsInput } from './faults';
import { stringifyWithRawNumbers } from './raw-number';
import { processEnvelope } from './transactions';
import type { TxOutcome } from './transactions/types';
import { readBody } from '../../electron/http';
import { SimAccess, type SimAccessOptions } from './access';
import { envelopeProblem } from './envelope';
import { ecQuery } from './e-voucher';
import { realtimeAdmin } from './realtime';
import { RequestLog } from './request-log';

/** Shape D's token service (NT2 ServiceAdrEnum). */
const TOKEN_PATH = '/auth/oauth/token';

export interface BureauSimulatorOptions {
  /** 0 (default): an ephemeral port. */
  port?: number;
  dbPath: string;
  faults?: FaultSettingsInput;
  /** Defaults to the project's policy files (resources/policies). */
  library?: PolicyLibrary;
  /** Region code answered in inf_refmsgid when the request names none. */
  areaCode?: string;
  /** The platform's access shape: gateway x-tif-* headers, or OAuth2 (+ SM4/SM2). Default: open dispatcher. */
  access?: SimAccessOptions;
}

export interface BureauSimulator {
  /** The dispatcher (shape A). */
  url: string;
  /** The origin: per-service paths (shape B) and the token service hang off it. */
  base: string;
  port: number;
  stop(): Promise<void>;
}

const MAX_BODY = 32 * 1024 * 1024;

export async function startBureauSimulator(options: BureauSimulatorOptions): Promise<BureauSimulator> {
  const db = openSimDb(options.dbPath);
  const library = options.library ?? loadPolicyLibrary();
  const faults = new FaultInjector(options.faults);
  const access = new SimAccess(options.access ?? {});
  const stopping = new AbortController();
  const requests = new RequestLog();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`simulator error: ${(err as Error).message}`);
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/admin/faults') return adminFaults(req, res);
    if (path === '/admin/stats' && req.method === 'GET') return sendJson(res, 200, stats(db, faults.injected));
    if (path === '/admin/requests' && req.method === 'GET') return sendJson(res, 200, requests.list());
    if (path === '/admin/realtime') {
      const text = req.method === 'POST' ? await readBody(req, MAX_BODY, () => new Error('request body too large')) : '';
      let body: unknown = {};
      try {
        body = text.trim() ? JSON.parse(text) : {};
      } catch {
        return sendJson(res, 400, { error: 'body is not JSON' });
      }
      const answer = realtimeAdmin(db, req.method ?? 'GET', body);
      return sendJson(res, answer.status, answer.body);
    }
    if (path === TOKEN_PATH && req.method === 'POST') {
      const issued = access.issueToken(req, await readBody(req, MAX_BODY, () => new Error('request body too large')));
      return sendJson(res, issued.status, issued.body);
    }
    if ((path === EC_QUERY_PATH || path === EC_QUERY_FSI_PATH) && req.method === 'POST') {
      const admittedEc = access.admit(req, new Date());
      if (!admittedEc.ok) return sendJson(res, admittedEc.status, { code: admittedEc.status, message: admittedEc.message });
      return sendJson(res, 200, ecQuery(db, await readBody(req, MAX_BODY, () => new Error('request body too large')), new Date()));
    }
    const pathInfno = infnoOfPath(path);
    if (path !== BUREAU_PATH && !pathInfno) return sendJson(res, 404, { error: `no such path ${path}` });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' });

    const received = new Date();
    const admitted = access.admit(req, received);
    if (!admitted.ok) return sendJson(res, admitted.status, { code: admitted.status, message: admitted.message });
    const body = await readBody(req, MAX_BODY, () => new Error('request body too large'));
    let envelopeRaw: unknown;
    try {
      envelopeRaw = parseJsonKeepingNumbers(body);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      return respond(res, reply(db, received, undefined, { ok: false, errMsg: '报文不是有效的 JSON' }));
    }
    if (!envelopeRaw || typeof envelopeRaw !== 'object' || Array.isArray(envelopeRaw))
      return respond(res, reply(db, received, undefined, { ok: false, errMsg: '报文格式错误：应为 JSON 对象' }));
    const opened = access.openInput(envelopeRaw as Record<string, unknown>);
    if (!opened.ok) return respond(res, reply(db, received, undefined, { ok: false, errMsg: opened.errMsg }));
    const problem = envelopeProblem(opened.envelope);
    if (problem) return respond(res, reply(db, received, undefined, { ok: false, errMsg: problem }));
    if (pathInfno && opened.envelope.infno !== pathInfno)
      return respond(res, reply(db, received, undefined, { ok: false, errMsg: `交易编号 ${String(opened.envelope.infno)} 与服务路径 ${path} 不符` }));
    const parsed = requestEnvelopeSchema.safeParse(opened.envelope);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return respond(res, reply(db, received, undefined, { ok: false, errMsg: `报文格式错误：${issue.path.join('.') || '(根)'} ${issue.message}` }));
    }
    const envelope = parsed.data;
    const logged = requests.received(envelope);
    const plan = faults.plan(envelope.infno);
    if (plan.latencyMs > 0) await delay(plan.latencyMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    if (stopping.signal.aborted) return;
    const lose = (kind: FaultKind) => {
      logged.stage = 'lost';
      return injectFault(res, kind, reply(db, received, envelope.mdtrtarea_admvs, { ok: false, errMsg: plan.errMsg }));
    };
    if (plan.kind && !plan.afterProcessing) return lose(plan.kind);
    const outcome = processEnvelope(db, library, envelope, received);
    Object.assign(logged, { stage: 'processed', ok: outcome.ok });
    if (plan.kind) return lose(plan.kind);
    if (plan.holdMs > 0) await delay(plan.holdMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    if (stopping.signal.aborted) return;
    logged.stage = 'answered';
    if (outcome.ok && outcome.file) return respondFile(res, outcome.file);
    return respond(res, reply(db, received, envelope.mdtrtarea_admvs, outcome));
  }

  async function adminFaults(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.method === 'GET') return sendJson(res, 200, faults.current());
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'GET or POST' });
    let body: unknown;
    try {
      const text = await readBody(req, MAX_BODY, () => new Error('request body too large'));
      body = text.trim() ? JSON.parse(text) : {};
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
    const settings = faultSettingsSchema.safeParse(body);
    if (!settings.success) return sendJson(res, 400, { error: settings.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    faults.configure(settings.data);
    return sendJson(res, 200, faults.current());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${BUREAU_PATH}`,
    base: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      stopping.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.close();
    },
  };
}

function reply(db: SimDb, received: Date, areaCode: string | undefined, outcome: TxOutcome) {
  const now = new Date();
  return {
    infcode: outcome.ok ? 0 : -1,
    inf_refmsgid: `${(areaCode ?? '000000').padEnd(6, '0').slice(0, 6)}${compactTime(now)}${String(nextCounter(db, 'inf_refmsgid')).padStart(10, '0')}`,
    refmsg_time: compactMillis(received),
    respond_time: compactMillis(now),
    err_msg: outcome.ok ? null : outcome.errMsg,
    warn_msg: outcome.ok ? (outcome.warn ?? null) : null,
    output: outcome.ok ? outcome.output : null,
  };
}

function respond(res: http.ServerResponse, body: unknown) {
  const text = stringifyWithRawNumbers(body);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** 9102: the file's bytes as the answer (§1 shape A). */
function respondFile(res: http.ServerResponse, bytes: Buffer) {
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length });
  res.end(bytes);
}

function injectFault(res: http.ServerResponse, kind: FaultKind, failure: unknown) {
  switch (kind) {
    case 'infcode':
      return respond(res, failure);
    case 'http500':
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('Internal Server Error');
    case 'drop':
      return res.socket?.destroy();
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      return res.end('{"infcode":0,"output":{"result":[{"medins_setl_id":');
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
}

function stats(db: SimDb, faultsInjected: number) {
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    settlements: count('SELECT COUNT(*) AS n FROM settlement'),
    reversals: count("SELECT COUNT(*) AS n FROM settlement WHERE refd_setl_flag = '1'"),
    messages: count('SELECT COUNT(*) AS n FROM message'),
    signIns: count('SELECT COUNT(*) AS n FROM sign_in'),
    people: count('SELECT COUNT(*) AS n FROM person'),
    faultsInjected,
  };
}
