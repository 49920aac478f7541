/**
 * `STAGE` deadlines, run as a local activity: the election schedule file changes when KPU revises
 * its regulation, so the workflow never reads it; the answer (deadline and the stage date it came
 * from) is recorded in history.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { WorkingCalendar } from '../src/domain/calendar';
import { UNKNOWN_STAGE } from '../src/domain/failures';
import type { StagesFile } from '../src/stages/stages';
import type { CoordinationActivities, StageDeadlineInput } from './types';

export function createStageActivities(calendar: WorkingCalendar, stages: StagesFile): Pick<CoordinationActivities, 'resolveStageDeadline'> {
  return {
    async resolveStageDeadline({ stage, offsetWorkingDays, timeZone }: StageDeadlineInput) {
      const found = stages.get(stage);
      if (!found) throw ApplicationFailure.retryable(`the election schedule ${stages.path} has no stage "${stage}"`, UNKNOWN_STAGE);
      const deadline = calendar.closeOfWorkingDayFrom(found.date, offsetWorkingDays, timeZone);
      return { deadline: new Date(deadline).toISOString(), stageDate: found.date };
    },
  };
}
