import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files the chart renderer needs at run time: the resvg WebAssembly module and the font the charts are
 * drawn in (Inter, SIL Open Font License; a Lambda has no system fonts). The stack copies them next to
 * the handler (`needs.charts` in the wiring manifest); locally and in tests they come from node_modules.
 */
export const CHART_ASSETS = [
  { file: 'resvg.wasm', module: '@resvg/resvg-wasm/index_bg.wasm' },
  { file: 'Inter-Regular.ttf', module: '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf' },
  { file: 'Inter-Bold.ttf', module: '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf' },
] as const;

export type ChartAssetFile = (typeof CHART_ASSETS)[number]['file'];

/** Where one asset is: beside the bundled handler in Lambda, else resolved from node_modules. */
export function chartAssetPath(file: ChartAssetFile, taskRoot = process.env.LAMBDA_TASK_ROOT): string {
  const bundled = taskRoot ? join(taskRoot, file) : undefined;
  if (bundled && existsSync(bundled)) return bundled;
  const asset = CHART_ASSETS.find((candidate) => candidate.file === file)!;
  return require.resolve(asset.module);
}
