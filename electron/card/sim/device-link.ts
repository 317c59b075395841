import type { BindingInterface, BindingPortInterface, OpenOptions } from '@serialport/bindings-interface';
import { MockBinding } from '@serialport/binding-mock';
import { SerialPort } from 'serialport';

/** The device's end of a serial line: what the simulated reader writes and hears. */
export interface DeviceLink {
  write(bytes: Buffer): void;
  onData(listener: (chunk: Buffer) => void): void;
  close(): Promise<void>;
}

/** Opens the far end of a socat pair as the device. */
export function openSerialDeviceLink(path: string, baudRate: number): Promise<DeviceLink> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.on('error', () => {});
    port.open((err) => {
      if (err) return reject(err);
      resolve({
        write: (bytes) => {
          if (port.isOpen) port.write(bytes);
        },
        onData: (listener) => port.on('data', listener),
        close: () => new Promise<void>((done) => (port.isOpen ? port.close(() => done()) : done())),
      });
    });
  });
}

/** A mock-binding port with a device behind it, for tests and for machines without socat. */
export interface MockDevicePort {
  binding: BindingInterface;
  /** Called with the device end each time the host opens the port. */
  onOpen(listener: (link: DeviceLink) => void): void;
  /** Pulls the plug: the host's reads fail (as on a real unplug) and reopening fails until `plugIn`. */
  unplug(): void;
  plugIn(): void;
}

export function createMockDevicePort(path: string): MockDevicePort {
  MockBinding.createPort(path, { echo: false, record: false });
  const openListeners: Array<(link: DeviceLink) => void> = [];
  let plugged = true;
  let pullPlug: ((err: Error) => void) | null = null;

  function wrap(port: BindingPortInterface & { emitData(data: Buffer): void }): BindingPortInterface {
    const dataListeners: Array<(chunk: Buffer) => void> = [];
    const unplugged = new Promise<never>((_, reject) => {
      pullPlug = reject;
    });
    unplugged.catch(() => {});
    const read = port.read.bind(port);
    const write = port.write.bind(port);
    port.read = (buffer, offset, length) => Promise.race([read(buffer, offset, length), unplugged]);
    port.write = async (buffer) => {
      await write(buffer);
      const copy = Buffer.from(buffer);
      for (const listener of dataListeners) listener(copy);
    };
    const link: DeviceLink = {
      write: (bytes) => {
        if (port.isOpen) port.emitData(bytes);
      },
      onData: (listener) => dataListeners.push(listener),
      close: async () => {},
    };
    for (const listener of openListeners) listener(link);
    return port;
  }

  return {
    binding: {
      list: () => MockBinding.list(),
      async open(options: OpenOptions) {
        if (!plugged) throw new Error(`${path}: no such device (unplugged)`);
        return wrap(await MockBinding.open(options));
      },
    },
    onOpen: (listener) => openListeners.push(listener),
    unplug() {
      plugged = false;
      pullPlug?.(new Error('device unplugged'));
    },
    plugIn() {
      plugged = true;
    },
  };
}
