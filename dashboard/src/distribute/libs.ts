import type Papa from 'papaparse';
// The libraries' own browser builds, emitted as files (never inlined into the dashboard's page).
import papaUrl from 'papaparse/papaparse.min.js?url&no-inline';
import type qrcode from 'qrcode-generator';
import qrUrl from '../../../node_modules/qrcode-generator/dist/qrcode.js?url&no-inline';
import { loadScript } from '../lazy-script';

/** The libraries of the distribution screen, loaded on first use (their UMD builds set a global). */
export type QrFactory = typeof qrcode;
export type PapaParse = typeof Papa;

export async function loadQr(): Promise<QrFactory> {
  await loadScript(qrUrl);
  return (globalThis as unknown as { qrcode: QrFactory }).qrcode;
}

export async function loadPapa(): Promise<PapaParse> {
  await loadScript(papaUrl);
  return (globalThis as unknown as { Papa: PapaParse }).Papa;
}
