// npm run read-card -- --port <path> --driver acr30|idcard [--baud N] [--parity none|even|odd] [--timeout ms]
// Reads the card once: the CardIdentity as JSON on stdout (exit 0), or `<code> <message>` on stderr (exit 1).
// It is also how IT staff check a newly connected reader.
import { parseArgs } from 'node:util';
import { ReaderSettingsSchema } from '../shared/card';
import { openReader } from '../electron/card';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    driver: { type: 'string', default: 'acr30' },
    baud: { type: 'string' },
    parity: { type: 'string', default: 'none' },
    timeout: { type: 'string' },
  },
});

const settings = ReaderSettingsSchema.safeParse({
  driver: values.driver,
  path: values.port,
  baudRate: values.baud === undefined ? undefined : Number(values.baud),
  parity: values.parity,
  commandTimeoutMs: values.timeout === undefined ? undefined : Number(values.timeout),
  pollIntervalMs: 0,
});
if (!settings.success) {
  console.error(`usage-error 参数不正确：${settings.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  console.error('npm run read-card -- --port <path> --driver acr30|idcard [--baud 9600|19200|38400|57600|115200] [--parity none|even|odd]');
  process.exit(1);
}

const reader = await openReader(settings.data, { reconnectDelaysMs: [60_000] });
const result = await reader.readCard();
await reader.close();
if (result.ok) {
  console.log(JSON.stringify(result.value, null, 2));
  process.exit(0);
}
console.error(`${result.error.code} ${result.error.message}`);
process.exit(1);
