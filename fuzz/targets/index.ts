/** The fuzz targets by name (loaded lazily: a worker loads only its own). */
import type { FuzzTarget, TargetEnv, TargetName } from '../types';

export async function openTarget(name: TargetName, env: TargetEnv): Promise<FuzzTarget> {
  switch (name) {
    case 'generator':
      return (await import('./generator')).generatorTarget(env);
    case 'importer':
      return (await import('./importer')).importerTarget(env);
    case 'mock':
      return (await import('./mock')).mockTarget(env);
  }
}
