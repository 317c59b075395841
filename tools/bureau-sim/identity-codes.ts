/**
 * The psn_idet_type codes the simulator issues (national-style 4-digit codes; the national list is
 * not public). Each region's policy file maps them to engine identities under `identityCodes:`
 * (resources/policies/*.yaml); 7069 is deliberately mapped nowhere, to show "未知身份 7069".
 */
export const SIM_IDENTITY_CODES = {
  '7131': '特困人员',
  '7041': '城乡孤儿',
  '7141': '事实无人抚养儿童',
  '7019': '低保对象',
  '7202': '返贫致贫人口',
  '7203': '脱贫不稳定户',
  '7204': '边缘易致贫户',
  '7205': '突发严重困难户',
  '7301': '建档立卡贫困人口',
  '7302': '稳定脱贫人口',
  '7401': '精准扶贫重点帮扶对象',
  '7069': '重度残疾人',
} as const;
export type SimIdentityCode = keyof typeof SIM_IDENTITY_CODES;

/** Codes with no engine identity anywhere: the client must show them, not drop them. */
export const UNMAPPED_CODES: readonly SimIdentityCode[] = ['7069'];
