/** Shape B (national-platform.md §1): one path per transaction under the provincial base URL. */
import { BUREAU_PATH } from './protocol';

export const SERVICE_PATHS: Readonly<Record<string, string>> = {
  '9001': '/fsi/api/signInSignOutService/signIn',
  '9002': '/fsi/api/signInSignOutService/signOut',
  '9101': '/fsi/api/fileupload/upload',
  '9102': '/fsi/api/fileupload/download',
  '1101': '/fsi/api/fsiPsnInfoService/queryPsnInfo',
  '1901': '/fsi/api/catalogqueryservice/queryDataDic',
  '2601': '/fsi/api/reverseService/revsMethod',
  '3201': '/fsi/api/ybSettlementStmtService/stmtTotal',
  '3202': '/fsi/api/ybSettlementStmtService/stmtDetail',
  '4101': '/fsi/api/medinfoupload/setllistinfoupld',
  '4101A': '/fsi/api/medinfoupload/setllistinfoupldA',
  '5203': '/fsi/api/fsiIntegratedQueryService/querySetlInfo',
  '5206': '/fsi/api/fsiIntegratedQueryService/queryFixmedinsPracPsnSum',
};

export type PathShape = 'dispatcher' | 'per-service';

/** The URL one transaction is posted to. */
export function transactionUrl(url: URL, shape: PathShape, infno: string): URL {
  if (shape === 'dispatcher') return url;
  const path = SERVICE_PATHS[infno];
  if (!path) throw new Error(`交易 ${infno} 没有按服务分路径的地址`);
  // The base may carry a prefix (a gateway's /ebus/...); a dispatcher URL given as the base loses its /fsi/api/... part.
  const prefix = url.pathname.replace(/\/fsi\/api\/.*$/, '').replace(/\/$/, '');
  return new URL(`${url.origin}${prefix}${path}`);
}

/** The transaction a per-service path names (the simulator's reading of shape B). */
export function infnoOfPath(path: string): string | undefined {
  if (path === BUREAU_PATH) return undefined;
  return Object.entries(SERVICE_PATHS).find(([, p]) => path.endsWith(p))?.[0];
}
