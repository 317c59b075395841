import type { BindingInterface } from '@serialport/bindings-interface';
import { SerialPort } from 'serialport';

/**
 * Which serialport binding opens a path: the operating system's, unless an in-process simulator
 * registered the path (the mock-binding reader simulator used where socat is missing).
 */
const registered = new Map<string, BindingInterface>();

export function registerPortBinding(path: string, binding: BindingInterface): void {
  registered.set(path, binding);
}

export function unregisterPortBinding(path: string): void {
  registered.delete(path);
}

export function bindingFor(path: string): BindingInterface {
  return registered.get(path) ?? SerialPort.binding;
}
