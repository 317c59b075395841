import { z } from 'zod';

/**
 * The `bureau` section of the site configuration file: demo (the in-app simulator) or live (the
 * bureau's URL). #11 extends this with its full shape.
 */
export const bureauSiteSchema = z
  .object({
    mode: z.enum(['demo', 'live'], { message: 'mode 只能是 demo 或 live' }).default('live'),
    url: z.url({ message: '医保中心地址格式错误' }).optional(),
  })
  .strict()
  .refine((b) => b.mode === 'demo' || b.url !== undefined, { message: 'live 模式须填写医保中心地址 url', path: ['url'] });

export type BureauSite = z.output<typeof bureauSiteSchema>;
