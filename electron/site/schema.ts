import { z } from 'zod';
import { readerSettingsSchema } from '../../shared/contract';
import { bureauSiteConfigSchema } from '../bureau';
import { sitePrinterSchema } from './thermal';

const auditKeyFile = z.string().trim().min(1, '审计密钥文件路径不能为空');
const updateFeedUrl = z
  .string()
  .trim()
  .refine(
    (text) => URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol),
    '更新地址应为内网的 http:// 或 https:// 地址（安装包与 latest.yml 所在的目录）',
  );
const terminalId = z.string().regex(/^[A-Za-z0-9]{1,12}$/, '终端编号只能由字母和数字组成（最多 12 位）');

/**
 * The site configuration file hospital IT deploys to every window (YAML). Everything is optional
 * except what a hospital must name; a key the file sets is locked in the settings screen.
 */
export const siteConfigSchema = z
  .object({
    hospital: z
      .object({
        code: z.string().trim().length(12, '定点医药机构编号必须为 12 位'),
        name: z.string().trim().min(1, '缺少医院名称').max(100),
        level: z.union([z.literal(1), z.literal(2), z.literal(3)], { message: '医院等级只能是 1、2、3' }),
      })
      .strict(),
    region: z.string().trim().min(1, '缺少统筹区'),
    /**
     * `url`: the hospital's PostgreSQL ledger; `path`: a SQLite file; absent: SQLite in the user-data
     * folder. `auditKeyFile`: the audit chain's key (every window of a server ledger names the same
     * key; a SQLite ledger defaults to audit.key beside its file).
     */
    ledger: z
      .union(
        [
          z
            .object({ url: z.string().regex(/^postgres(ql)?:\/\//, '台账地址应为 postgres://用户:密码@主机:端口/数据库'), auditKeyFile: auditKeyFile.optional() })
            .strict(),
          z.object({ path: z.string().min(1), auditKeyFile: auditKeyFile.optional() }).strict(),
        ],
        { message: 'ledger 应为 { url: postgres://…, auditKeyFile: 密钥文件 } 或 { path: 文件 }' },
      )
      .optional(),
    /** The bureau section's own schema (electron/bureau/site-config.ts). */
    bureau: bureauSiteConfigSchema.optional(),
    reader: readerSettingsSchema.strict().optional(),
    /** The system printer (name, paper, silent) and/or `thermal`, the counter's ESC/POS printer (thermal.ts). */
    printer: sitePrinterSchema.optional(),
    /** Given, or derived from the host name (letters and digits, at most 12). */
    terminalId: terminalId.optional(),
    uploadAt: z
      .string()
      .regex(/^\d{2}:\d{2}$/, '上传时间格式应为 HH:MM')
      .optional(),
    /** The update channel on the hospital's intranet (electron-updater, generic feed); absent: updates off. */
    updates: z.object({ url: updateFeedUrl }).strict().optional(),
  })
  .strict();

export type SiteConfig = z.output<typeof siteConfigSchema>;
