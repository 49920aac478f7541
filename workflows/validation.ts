/**
 * The vocabulary of the validators (validators.ts, answerValidators.ts): a refusal, and what a
 * validator knows besides the state and the input. Pure types, in a file of their own so both
 * validator modules import them without importing each other.
 */
import type { OrgId } from '../src/domain/types';

/** Why an action is refused now, or null when it is allowed. */
export type Refusal = string | null;

export interface ValidationContext {
  /** False until the first step is active: actions wait for a request that is fully set up. */
  ready: boolean;
  nowMs: number;
  /** Ancestors of an organization as far as the run knows them, nearest first. */
  ancestorsOf(org: OrgId): OrgId[];
}
