/**
 * What exists, according to the reference's answers: the entities created so far, each under a
 * slot number shared by both servers (the ids differ; the slot pairs them), with its endpoint key
 * and the parent it was created under.
 */
import type { EntityPlan } from './entities.ts';

export interface Known {
  slot: number;
  entity: string;
  /** The endpoint key's value, when the entity has one. */
  key?: string;
  /** Slot of the parent the foreign key points at. */
  parent?: number;
}

export class Model {
  readonly known: Known[] = [];
  private nextSlot = 1;

  constructor(readonly plans: EntityPlan[]) {}

  of(entity: string): Known[] {
    return this.known.filter((k) => k.entity === entity);
  }

  /** The `pick`-th entity of a kind (modulo how many there are), so a shrunk sequence still points somewhere. */
  pick(entity: string, pick: number): Known | undefined {
    const list = this.of(entity);
    return list.length === 0 ? undefined : list[pick % list.length];
  }

  bySlot(slot: number | undefined): Known | undefined {
    return this.known.find((k) => k.slot === slot);
  }

  newSlot(): number {
    return this.nextSlot++;
  }

  add(known: Known): void {
    this.known.push(known);
  }

  /** Forget an entity and what its deletion cascades to (children on `cascade`, unset on `set-null`). */
  remove(slot: number): void {
    const index = this.known.findIndex((k) => k.slot === slot);
    if (index === -1) return;
    this.known.splice(index, 1);
    for (const child of this.known.filter((k) => k.parent === slot)) {
      const plan = this.plans.find((p) => p.name === child.entity);
      const onDelete = plan?.def.foreignKeys.find((fk) => fk.field === plan.parent?.field)?.onDelete;
      if (onDelete === 'cascade') this.remove(child.slot);
      else child.parent = undefined;
    }
  }
}
