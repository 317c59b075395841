// npm run reader-sim -- --port <pty> --driver acr30|idcard --card <name> [--baud N] [--no-pace] [--fault kind[:at[:times[:ms]]]]
// Plays a card reader on the far end of a socat pair. Without --port it starts its own socat pair
// and prints the path to give to the application or to `npm run read-card`.
// While running, stdin takes: card <name|none> · remove · fault <kind[:at[:times[:ms]]]> · clear · status · quit
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEFAULT_BAUD, type CardDriverName } from '../shared/card';
import { ReaderSimulator, SIM_CARDS, findSimCard, openSerialDeviceLink, startSocatPair, type SimCard } from '../electron/card';
import { parseFault } from './reader-sim/index'; // './reader-sim' is this file

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    driver: { type: 'string', default: 'acr30' },
    card: { type: 'string', default: 'chen-xiulan' },
    baud: { type: 'string' },
    'no-pace': { type: 'boolean', default: false },
    fault: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', default: false },
  },
});

function cardOrExit(query: string): SimCard | null {
  const card = findSimCard(query);
  if (card === undefined) {
    console.error(`未知的卡：${query}。可用：none, ${SIM_CARDS.map((c) => `${c.key}(${c.holder.name})`).join(', ')}`);
    process.exit(2);
  }
  return card;
}

if (values.help) {
  console.log('npm run reader-sim -- --port <pty> --driver acr30|idcard --card <name> [--baud N] [--no-pace] [--fault kind[:at[:times[:ms]]]]');
  console.log(`cards: none, ${SIM_CARDS.map((c) => `${c.key}(${c.holder.name})`).join(', ')}`);
  process.exit(0);
}
if (values.driver !== 'acr30' && values.driver !== 'idcard') {
  console.error('--driver must be acr30 or idcard');
  process.exit(2);
}
const driver: CardDriverName = values.driver;
const baudRate = values.baud ? Number(values.baud) : DEFAULT_BAUD[driver];
const simulator = new ReaderSimulator({ driver, card: cardOrExit(values.card), baudRate, pace: !values['no-pace'] });
for (const spec of values.fault) simulator.inject(parseFault(spec));

const pair = values.port ? null : await startSocatPair();
const devicePath = values.port ?? pair!.devicePath;
simulator.attach(await openSerialDeviceLink(devicePath, baudRate));
const describe = (): string => `${driver} @ ${baudRate} baud, card: ${simulator.card ? `${simulator.card.key} ${simulator.card.holder.name}` : 'none'}`;
console.error(`reader simulator on ${devicePath}: ${describe()}`);
if (pair) console.log(pair.hostPath);

async function quit(): Promise<never> {
  await simulator.stop();
  await pair?.stop();
  process.exit(0);
}
process.on('SIGINT', () => void quit());
process.on('SIGTERM', () => void quit());

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, argument = ''] = line.trim().split(/\s+/, 2);
  try {
    switch (command) {
      case 'card':
        simulator.insertCard(cardOrExit(argument));
        break;
      case 'remove':
        simulator.insertCard(null);
        break;
      case 'fault':
        simulator.inject(parseFault(argument));
        break;
      case 'clear':
        simulator.clearFaults();
        break;
      case 'quit':
        void quit();
        return;
      case 'status':
      case '':
        break;
      default:
        console.error('commands: card <name|none> · remove · fault <kind[:at[:times[:ms]]]> · clear · status · quit');
        return;
    }
    console.error(`${describe()}; commands heard: ${simulator.commands}`);
  } catch (err) {
    console.error((err as Error).message);
  }
});
