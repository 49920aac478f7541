/**
 * What the request page's views are given: the request, its viewer and actions, and a form's
 * failure to show again. In a file of its own so the page (RequestPage.tsx) and the sections it
 * renders import it without importing each other.
 */
import type { UploadLimits } from '../../attachments/upload';
import type { Directory } from '../../directory/directory';
import type { CoordinationState, TimelineEvent } from '../../domain/types';
import type { PageContext } from '../context';
import type { AvailableActions, Viewer } from '../viewer';

export interface FormFailure {
  form: 'respond' | 'revise' | 'extend' | 'delegate' | 'cancel' | 'conditionMet' | 'askExtension' | 'decideExtension';
  message: string;
  fields?: Record<string, string[]>;
}

export interface RequestView {
  ctx: PageContext;
  directory: Directory;
  state: CoordinationState;
  timeline: TimelineEvent[];
  viewer: Viewer;
  actions: AvailableActions;
  now: number;
  failure?: FormFailure;
  uploadLimits: UploadLimits;
}
