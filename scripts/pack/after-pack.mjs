// electron-builder afterPack hook: flips the fuses (fuses.mjs) in the packaged executable. Runs
// after the files are in place and before signing, which is the order fuses require.
import { FUSES } from './fuses.mjs';

export default async function afterPack(context) {
  await context.packager.addElectronFuses(context, FUSES);
}
