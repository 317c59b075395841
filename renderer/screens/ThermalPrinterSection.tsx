import type { OpOutput } from '../../shared/contract';
import { BAUD_RATES, THERMAL_WIDTHS } from '../../shared/contract';
import { fieldError } from '../api';
import { Notice, Section, SelectField, TextField } from '../ui/controls';
import { ConnectionCheck } from '../ui/ConnectionCheck';
import { useOp } from '../ui/use-op';

type ThermalPrinter = NonNullable<OpOutput<'settings.get'>['settings']['thermalPrinter']>;
type Kind = 'none' | ThermalPrinter['connection']['type'];

const KINDS: ReadonlyArray<{ value: Kind; label: string }> = [
  { value: 'none', label: '不使用（结算单按系统打印机 A5/A4 打印）' },
  { value: 'serial', label: '串口热敏打印机' },
  { value: 'device', label: 'USB 热敏打印机（设备文件）' },
];
const PATH_FIELD: Record<ThermalPrinter['connection']['type'], { label: string; placeholder: string }> = {
  serial: { label: '打印机串口', placeholder: 'COM3 或 /dev/ttyUSB0' },
  device: { label: '打印机设备文件', placeholder: '/dev/usb/lp0' },
};

/** A printer of the kind chosen, keeping what still applies (path, width, cut) from the one before. */
function switchKind(current: ThermalPrinter | undefined, kind: Kind): ThermalPrinter | undefined {
  if (kind === 'none') return undefined;
  const base = { width: current?.width ?? '80mm', cut: current?.cut ?? true, path: current?.connection.path ?? '' };
  return { width: base.width, cut: base.cut, connection: kind === 'serial' ? { type: 'serial', path: base.path, baudRate: 9600 } : { type: 'device', path: base.path } };
}

/**
 * 设置 › 热敏小票打印机: the pharmacy counter's ESC/POS printer (saved with the other settings, F9),
 * and a test page with its progress and verdict. Read-only with its mark when the site file fixes it.
 */
export function ThermalPrinterSection(props: {
  value: ThermalPrinter | undefined;
  onChange: (next: ThermalPrinter | undefined) => void;
  /** The site file that fixes the printer, or null when this window sets it. */
  locked: string | null;
  saveError: (path: string) => string | undefined;
}) {
  const testPrinter = useOp('settings.testPrinter');
  const { value, onChange } = props;
  const disabled = props.locked !== null;
  const err = (path: string) => props.saveError(`thermalPrinter.${path}`) ?? fieldError(testPrinter.error, `thermalPrinter.${path}`);
  const connection = value?.connection;

  return (
    <Section title="热敏小票打印机（药房）">
      {props.locked ? <Notice>由站点配置文件锁定（{props.locked}），本机不能修改</Notice> : null}
      <div className="form-grid">
        <SelectField label="小票打印方式" value={connection?.type ?? 'none'} onChange={(kind) => onChange(switchKind(value, kind))} options={KINDS} disabled={disabled} />
        {value && connection ? (
          <>
            <TextField
              label={PATH_FIELD[connection.type].label}
              value={connection.path}
              onChange={(path) => onChange({ ...value, connection: { ...connection, path } })}
              placeholder={PATH_FIELD[connection.type].placeholder}
              error={err('connection.path')}
              disabled={disabled}
            />
            {connection.type === 'serial' ? (
              <SelectField
                label="打印机波特率"
                value={String(connection.baudRate)}
                onChange={(b) => onChange({ ...value, connection: { ...connection, baudRate: Number(b) as typeof connection.baudRate } })}
                options={BAUD_RATES.map((b) => ({ value: String(b), label: String(b) }))}
                error={err('connection.baudRate')}
                disabled={disabled}
              />
            ) : null}
            <SelectField
              label="纸宽"
              value={value.width}
              onChange={(width) => onChange({ ...value, width })}
              options={THERMAL_WIDTHS.map((w) => ({ value: w, label: w }))}
              error={err('width')}
              disabled={disabled}
            />
            <label className="check">
              <input type="checkbox" checked={value.cut} onChange={(e) => onChange({ ...value, cut: e.target.checked })} disabled={disabled} />
              打印后切纸
            </label>
          </>
        ) : null}
      </div>
      <ConnectionCheck
        label="打印测试页"
        busyLabel="正在打印测试页…"
        check={() => testPrinter.run(value && !disabled ? { thermalPrinter: value } : {})}
        op={testPrinter}
      />
    </Section>
  );
}
