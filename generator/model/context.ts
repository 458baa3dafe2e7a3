import { childPointer } from '../../templates/runtime/pointer';
import type { SpecProblem } from '../errors';
import type { LoadedSpec } from '../load';

/** Collects problems while the model is built, located through the loaded spec's origins. */
export class ModelContext {
  readonly problems: SpecProblem[] = [];
  /** operationId → where it was first seen (`METHOD /path`), so a second use names both places. */
  readonly operationIds = new Map<string, string>();
  /** Things ignored that the author may want to know about (an unknown vendor extension). */
  readonly warnings: SpecProblem[] = [];
  /**
   * What the schemas being read describe: `x-encrypted: aes-gcm` is only meaningful in a
   * webhook's notification body, never in a path's request or inside a decrypted payload.
   */
  scope: 'request' | 'response' | 'webhook' | 'payload' | 'answer' = 'response';

  constructor(readonly spec: LoadedSpec) {}

  /** Records a problem at `node` (an object of the resolved document), optionally at one of its keys. */
  report(node: object, key: string | number | undefined, message: string): void {
    this.problems.push(this.locate(node, key, message));
  }

  /** Records a warning (never fails the generation). */
  warn(node: object, key: string | number | undefined, message: string): void {
    this.warnings.push(this.locate(node, key, message));
  }

  private locate(node: object, key: string | number | undefined, message: string): SpecProblem {
    const origin = this.spec.origin(node);
    if (!origin) return { file: this.spec.specName, line: 1, column: 1, pointer: '', message };
    const pointer = key === undefined ? origin.pointer : childPointer(origin.pointer, key);
    const { line, column, file } = origin.file.locate(pointer);
    return { file: file ?? origin.file.name, line, column, pointer, message };
  }

  fileOf(node: object): string {
    return this.spec.origin(node)?.file.name ?? this.spec.specName;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
