import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// Sandboxed preload (bundled to CJS): exposes the contract's operations only.
contextBridge.exposeInMainWorld(
  'onebill',
  createBridge((channel, op, input) => ipcRenderer.invoke(channel, op, input)),
);
