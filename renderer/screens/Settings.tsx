import { formatTime } from '../format';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../shared/contract';
import { BAUD_RATES, PAPER_SIZES, READER_DRIVERS } from '../../shared/contract';
import { fieldError } from '../api';
import { useApp } from '../app-context';
import { ActionButton, Busy, ErrorNote, Notice, Section, SelectField, TextField } from '../ui/controls';
import { ConnectionCheck } from '../ui/ConnectionCheck';
import { useHotkeys } from '../ui/hotkeys';
import { useOp } from '../ui/use-op';
import { ShellDiagnosticsSection } from './ShellDiagnostics';
import { ThermalPrinterSection } from './ThermalPrinterSection';

type Settings = OpOutput<'settings.get'>['settings'];
type Region = OpOutput<'settings.get'>['regions'][number];
type BureauView = OpOutput<'settings.get'>['bureau'];

const ACCESS_LABELS: Record<BureauView['access'], string> = {
  open: '直连（无网关签名）',
  gateway: '网关 x-tif 签名',
  oauth2: 'OAuth2 令牌',
  'oauth2-sm4': 'OAuth2 令牌 + SM4 加密 / SM2 签名',
};

const DRIVER_LABELS: Record<string, string> = { simulator: '内置模拟读卡器（演示）', acr30: '社保卡读卡器（ACR30 串口）', idcard: '身份证阅读器（串口）' };
const LOCKED_MARK = '由站点配置文件锁定';
const LEVEL_OPTIONS = [
  { value: '1', label: '一级（乡镇/社区）' },
  { value: '2', label: '二级（县级）' },
  { value: '3', label: '三级（市级及以上）' },
] as const;

/** 设置: reader, printer, bureau, region and hospital. Saving needs a supervisor. */
export function SettingsScreen() {
  const { refreshStatus } = useApp();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [regions, setRegions] = useState<Region[]>([]);
  const [locked, setLocked] = useState<string[]>([]);
  const [siteConfig, setSiteConfig] = useState<string | null>(null);
  const [bureau, setBureau] = useState<BureauView | null>(null);
  const [saved, setSaved] = useState(false);
  const get = useOp('settings.get');
  const update = useOp('settings.update');
  const testReader = useOp('settings.testReader');
  const testBureau = useOp('settings.testBureau');

  useEffect(() => {
    void get.run({}).then((v) => {
      if (v) {
        setSettings(v.settings);
        setRegions(v.regions);
        setLocked(v.locked);
        setSiteConfig(v.siteConfig);
        setBureau(v.bureau);
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const save = async () => {
    if (!settings) return;
    setSaved(false);
    const { reader, printer, region, hospital, terminalId, policyOverridesDir, thermalPrinter } = settings;
    const thermal = locked.includes('thermalPrinter') ? {} : { thermalPrinter: thermalPrinter ?? null };
    const value = await update.run({ reader, printer, region, hospital, terminalId, policyOverridesDir, ...thermal });
    if (value) {
      setSettings(value.settings);
      setLocked(value.locked);
      setSaved(true);
      refreshStatus();
    }
  };
  useHotkeys({ F9: settings && !update.busy ? () => void save() : undefined });

  if (!settings) return get.busy ? <Busy label="正在读取设置…" /> : <ErrorNote message={get.error?.message} />;
  const set = <K extends keyof Settings>(key: K, patch: Partial<Settings[K]> | Settings[K]) =>
    setSettings((s) => (s ? { ...s, [key]: typeof patch === 'object' ? { ...(s[key] as object), ...patch } : patch } : s));
  const err = (path: string) => fieldError(update.error, path);
  // Keys the site file fixes: shown, read-only, marked; hospital IT changes them in the file.
  const fixed = (key: keyof Settings) => (locked.includes(key) ? { disabled: true, hint: LOCKED_MARK } : {});

  return (
    <div className="stack settings">
      {locked.length > 0 ? (
        <Notice>
          标有「{LOCKED_MARK}」的设置由站点配置文件 <span data-testid="site-config">{siteConfig}</span> 规定，本机不能修改，请联系信息科。
        </Notice>
      ) : null}
      <Section title="读卡器">
        <div className="form-grid">
          <SelectField
            label="读卡器类型"
            value={settings.reader.driver}
            onChange={(driver) => set('reader', { driver })}
            options={READER_DRIVERS.map((d) => ({ value: d, label: DRIVER_LABELS[d] ?? d }))}
            error={err('reader.driver')}
            {...fixed('reader')}
          />
          <TextField
            label="串口"
            value={settings.reader.port}
            onChange={(port) => set('reader', { port })}
            placeholder="COM3 或 /dev/ttyUSB0"
            error={err('reader.port')}
            disabled={settings.reader.driver === 'simulator'}
            {...fixed('reader')}
          />
          <SelectField
            label="波特率"
            value={String(settings.reader.baudRate)}
            onChange={(b) => set('reader', { baudRate: Number(b) as Settings['reader']['baudRate'] })}
            options={BAUD_RATES.map((b) => ({ value: String(b), label: String(b) }))}
            error={err('reader.baudRate')}
            {...fixed('reader')}
          />
        </div>
        <ConnectionCheck label="测试读卡器" busyLabel="正在测试读卡器…" check={() => testReader.run({ reader: settings.reader })} op={testReader} />
      </Section>
      <Section title="打印机">
        <div className="form-grid">
          <TextField
            label="打印机名称"
            value={settings.printer.name}
            onChange={(name) => set('printer', { name })}
            placeholder="留空为系统默认打印机"
            error={err('printer.name')}
            {...fixed('printer')}
          />
          <SelectField
            label="纸张"
            value={settings.printer.paper}
            onChange={(paper) => set('printer', { paper })}
            options={PAPER_SIZES.map((p) => ({ value: p, label: p === '241mm' ? '241mm 连续纸' : p }))}
            {...fixed('printer')}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={settings.printer.silent}
              onChange={(e) => set('printer', { silent: e.target.checked })}
              disabled={locked.includes('printer')}
            />
            直接打印，不弹出打印对话框
          </label>
        </div>
      </Section>
      <ThermalPrinterSection
        value={settings.thermalPrinter}
        onChange={(thermalPrinter) => setSettings((s) => (s ? { ...s, thermalPrinter } : s))}
        locked={locked.includes('thermalPrinter') ? (siteConfig ?? '站点配置文件') : null}
        saveError={(path) => err(path)}
      />
      <Section title="医保中心">
        {bureau ? <BureauSummary bureau={bureau} /> : null}
        <ConnectionCheck
          label="测试连接"
          busyLabel="正在连接医保中心…"
          check={async () => {
            const result = await testBureau.run({});
            refreshStatus();
            return result;
          }}
          op={testBureau}
        />
      </Section>
      <IdentityDictionarySection />
      <Section title="本院">
        <div className="form-grid">
          <SelectField
            label="统筹区"
            value={settings.region}
            onChange={(region) => set('region', region)}
            options={regions.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }))}
            error={err('region')}
            {...fixed('region')}
          />
          <TextField label="医院编码" value={settings.hospital.code} onChange={(code) => set('hospital', { code })} error={err('hospital.code')} {...fixed('hospital')} />
          <TextField label="医院名称" value={settings.hospital.name} onChange={(name) => set('hospital', { name })} error={err('hospital.name')} {...fixed('hospital')} />
          <SelectField
            label="医院等级"
            value={String(settings.hospital.level) as '1' | '2' | '3'}
            onChange={(level) => set('hospital', { level: Number(level) as 1 | 2 | 3 })}
            options={LEVEL_OPTIONS}
            error={err('hospital.level')}
            {...fixed('hospital')}
          />
          <TextField
            label="终端编号"
            value={settings.terminalId}
            onChange={(terminalId) => set('terminalId', terminalId)}
            error={err('terminalId')}
            {...fixed('terminalId')}
          />
        </div>
      </Section>
      <div className="save-bar">
        <ActionButton label="保存设置" hotkey="F9" kind="primary" onClick={() => void save()} busy={update.busy} />
        <ErrorNote message={update.error && !update.error.details?.length ? update.error.message : null} label="保存错误" />
        {saved ? <Notice tone="ok">设置已保存</Notice> : null}
      </div>
      <ShellDiagnosticsSection />
    </div>
  );
}

/** 人员身份字典 (1901): the version in force, and a supervisor's refresh from the bureau with its progress. */
function IdentityDictionarySection() {
  const view = useOp('dictionary.identities');
  const refresh = useOp('dictionary.refreshIdentities');
  const [current, setCurrent] = useState<OpOutput<'dictionary.identities'> | null>(null);
  const [done, setDone] = useState<OpOutput<'dictionary.refreshIdentities'> | null>(null);
  useEffect(() => {
    void view.run({}).then((v) => v && setCurrent(v));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const run = async () => {
    setDone(null);
    const value = await refresh.run({});
    if (value) {
      setDone(value);
      setCurrent(value);
    }
  };
  return (
    <Section title="人员身份字典（1901）">
      <p className="hint" data-testid="identity-dictionary">
        {current?.version
          ? `统筹区 ${current.region}：第 ${current.version} 版，${current.count} 个身份代码，下载于 ${formatTime(current.fetchedAt ?? '')}`
          : `统筹区 ${current?.region ?? ''}：尚未从医保中心下载，按政策文件的身份代码表认定身份`}
      </p>
      <ActionButton label="从医保中心更新身份字典" onClick={() => void run()} busy={refresh.busy} />
      {refresh.busy ? <Busy label="正在从医保中心下载人员身份类别字典（1901）…" /> : null}
      {done && !refresh.busy ? (
        <Notice tone="ok">
          已更新为第 {done.version} 版：{done.count} 个身份代码，新增 {done.added} 个，政策文件未列出的 {done.notInPolicy} 个
        </Notice>
      ) : null}
      <ErrorNote message={refresh.error?.message} label="身份字典更新错误" />
    </Section>
  );
}

/** The bureau section in force: set in the site file by hospital IT, shown here, never a secret. */
function BureauSummary(props: { bureau: BureauView }) {
  const b = props.bureau;
  const facts: Array<[string, string]> = [
    ['接入方式', b.mode === 'demo' ? '演示：内置医保中心模拟器' : `正式：${b.paths === 'per-service' ? '按服务分路径' : '前置机统一入口'}，${ACCESS_LABELS[b.access]}`],
    ...(b.mode === 'live' ? ([['医保中心地址', b.url]] as Array<[string, string]>) : []),
    ['就医地医保区划', b.mdtrtareaAdmvs],
    ['夜间上传操作员', `${b.nightlyOperator.name}（${b.nightlyOperator.code}）`],
    ['配置来源', b.source ? `站点配置文件 ${b.source} 的 bureau 段` : '无站点配置文件（演示模式）'],
  ];
  return (
    <dl className="kv" data-testid="bureau-config" aria-label="医保接口配置">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
