/**
 * The election schedule (tahapan): the dated stages of the current elections, maintained by
 * operators in a JSON file (`config/stages.json`, `STAGES_PATH`) as KPU regulations set and revise
 * them. Validated like the organization directory; unlike it, re-read whenever the file changes,
 * because a revised schedule must reach running requests without a restart
 * (docs/ARCHITECTURE.md#election-schedule-stages).
 */
import { statSync } from 'node:fs';
import { readOperatorJson } from '../operatorFile';
import { z } from 'zod';

/** A stage id: what a step's `STAGE` deadline names (`penetapan-dpt`). */
export const STAGE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const STAGE_ID_RULE = 'at least 2 and at most 63 lowercase letters, digits and dashes, not starting with a dash';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real calendar date');

export const stageSchema = z
  .object({
    id: z.string().regex(STAGE_ID, STAGE_ID_RULE),
    name: z.string().min(1),
    /** Local date of the stage (the requester's own zone reads it). */
    date: isoDate,
  })
  .strict();

export const stagesFileSchema = z
  .object({ election: z.string().optional(), stages: z.array(stageSchema) })
  .strict()
  .superRefine((file, ctx) => {
    file.stages.forEach((s, i) => {
      if (file.stages.findIndex((o) => o.id === s.id) !== i) ctx.addIssue({ code: 'custom', path: ['stages', i, 'id'], message: `duplicate stage id "${s.id}"` });
    });
  });

export type Stage = z.infer<typeof stageSchema>;

export class StagesError extends Error {}

/** Parse and validate the stages JSON; throws StagesError naming every bad field. */
export function parseStages(json: unknown, source = 'stages'): Stage[] {
  const parsed = stagesFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new StagesError(`${source} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data.stages;
}

/** Reads and validates the file; every error names the variable that points at it. */
export function loadStages(file: string, variable = 'STAGES_PATH'): Stage[] {
  const source = `election schedule ${file} (${variable})`;
  const json = readOperatorJson(file, source, StagesError);
  return parseStages(json, `the ${source}`);
}

/**
 * The stages file as it is now: read (and validated) at construction, so a bad file stops the
 * process at start, then read again whenever its modification time or size changes. A file that
 * turns bad while running is reported by every call (the last good table is not used: answering
 * from a schedule the operator is replacing would move deadlines to dates nobody chose).
 */
export class StagesFile {
  private stamp = '';
  private stages: Stage[] = [];

  constructor(readonly path: string) {
    this.current();
  }

  current(): Stage[] {
    let stamp: string;
    try {
      const s = statSync(this.path);
      stamp = `${s.mtimeMs}:${s.size}`;
    } catch (err) {
      throw new StagesError(`cannot read the election schedule ${this.path} (STAGES_PATH): ${(err as Error).message}`);
    }
    if (stamp !== this.stamp) {
      this.stages = loadStages(this.path);
      this.stamp = stamp;
    }
    return this.stages;
  }

  get(id: string): Stage | undefined {
    return this.current().find((s) => s.id === id);
  }
}
