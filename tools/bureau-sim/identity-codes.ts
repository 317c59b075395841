/**
 * The psn_idet_type codes the simulator issues: the national codes of national-platform.md §17.7
 * and the 2360xx local extensions that resources/policies/*.yaml map under `psnIdetTypes:`.
 * 2308 (残疾人员) is a national code no region maps to an engine identity, to show "未知身份 2308".
 */
export const SIM_IDENTITY_CODES = {
  '2302': '建档立卡贫困人员',
  '2303': '低保救助对象',
  '2304': '特困救助对象',
  '2308': '残疾人员',
  '236001': '易返贫致贫人口',
  '236002': '突发严重困难户',
  '236003': '稳定脱贫人口',
  '236004': '精准扶贫重点帮扶对象',
} as const;
export type SimIdentityCode = keyof typeof SIM_IDENTITY_CODES;

/** Codes with no engine identity anywhere: the client must show them, not drop them. */
export const UNMAPPED_CODES: readonly SimIdentityCode[] = ['2308'];
