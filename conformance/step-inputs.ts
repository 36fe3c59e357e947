/**
 * The inputs a step takes from earlier steps (their captures). When a step fails to save a value,
 * the steps that need it are skipped, naming the step that should have saved it, rather than run
 * with a hole in their URL or their expectation.
 */
import type { Step } from './scenario.ts';
import { capturesRead } from './interpolate.ts';

export class StepInputs {
  /** Capture name → the step that should have saved it and did not (the first one in a chain). */
  private readonly unsaved = new Map<string, string>();

  /** Why the step cannot run, or undefined when every capture it reads was saved. */
  blocker(step: Step): string | undefined {
    for (const name of capturesRead([step.request, step.expect ?? null])) {
      const from = this.unsaved.get(name);
      if (from !== undefined) return `needs '${name}' from step '${from}', which did not save it`;
    }
    return undefined;
  }

  /** After a step ran (or failed to): which of its captures hold a value. */
  ran(step: Step, captures: Map<string, unknown>): void {
    for (const name of Object.keys(step.save ?? {})) {
      if (captures.get(name) === undefined) this.unsaved.set(name, step.name);
      else this.unsaved.delete(name);
    }
  }

  /** A skipped step saves nothing: what needed it waits on the same failed step. */
  skipped(step: Step): void {
    const root = [...capturesRead([step.request, step.expect ?? null])].map((n) => this.unsaved.get(n)).find((s) => s !== undefined);
    for (const name of Object.keys(step.save ?? {})) this.unsaved.set(name, root ?? step.name);
  }
}
