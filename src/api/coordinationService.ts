/**
 * Everything the API asks of Temporal, in one place: create (idempotent), describe for
 * authorization, queries for reads, updates for changes (lists and reports read the records
 * store: recordQueries.ts). Routes stay
 * about HTTP; errors are mapped to problems by errors.ts.
 */
import { Client, QueryNotRegisteredError, WithStartWorkflowOperation, WorkflowUpdateRPCTimeoutOrCancelledError, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, type UpdateDefinition, type WorkflowIdConflictPolicy } from '@temporalio/common';
import type { coordinationWorkflow } from '../../workflows/coordination';
import { readyUpdate, stateQuery, timelineQuery, WORKFLOW_TYPE, workflowIdFor } from '../../workflows/messages';
import { initialSearchAttributes, initialState } from '../domain/requestState';
import { SA_INVOLVED, SA_PARTICIPANTS, SA_REQUESTER, SA_STATUS } from '../domain/searchAttributes';
import type { CoordinationRequestInput, CoordinationState, RequestStatus, TimelineEvent } from '../domain/types';
import type { RequestAccess } from './access';
import { isWorkflowNotFound } from '../temporal/sdk';
import { unavailable } from './errors';
import { MEMO_BODY_HASH } from './idempotency';
import { ProblemError } from './problem';

/**
 * Every call gets a deadline: the client retries an unreachable server for ~20 s by default, and
 * a query without a worker would wait indefinitely. Past the deadline the caller gets a prompt
 * 503 with Retry-After instead of a hanging request.
 */
export const DEFAULT_RPC_DEADLINE_MS = 10_000;
/** Updates wait for their handler (a local activity at most); they get more room. */
const UPDATE_DEADLINE_FACTOR = 3;

export type CreateOutcome = { created: true; state: CoordinationState } | { created: false; state: CoordinationState };

export interface AccessInfo extends RequestAccess {
  status: RequestStatus | null;
  running: boolean;
}

/** How a request's workflow is started: the one place (the API and the benchmark use it). */
export function startOptions(
  input: CoordinationRequestInput,
  hash: string,
  taskQueue: string,
): WorkflowStartOptions<typeof coordinationWorkflow> & { workflowIdConflictPolicy: WorkflowIdConflictPolicy } {
  return {
    workflowId: workflowIdFor(input.id),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    memo: { [MEMO_BODY_HASH]: hash },
    // Set at start (the workflow upserts the same values) so authorization and listing work
    // before the first workflow task has run.
    typedSearchAttributes: initialSearchAttributes(initialState(input, new Date().toISOString())),
  };
}

export class CoordinationService {
  constructor(
    private readonly client: Client,
    private readonly opts: { taskQueue: string; rpcDeadlineMs?: number },
  ) {}

  private get deadlineMs(): number {
    return this.opts.rpcDeadlineMs ?? DEFAULT_RPC_DEADLINE_MS;
  }

  private handle(id: string): WorkflowHandle<typeof coordinationWorkflow> {
    return this.client.workflow.getHandle<typeof coordinationWorkflow>(workflowIdFor(id));
  }

  private withDeadline<T>(fn: () => Promise<T>, factor = 1, ms = this.deadlineMs): Promise<T> {
    return this.client.connection.withDeadline(Date.now() + ms * factor, fn);
  }

  /**
   * Start the request and read it as set up, in one round trip (Update-With-Start: the start and
   * the `ready` update travel together); or find the one an earlier attempt with the same key
   * started. The conflict policy stays FAIL, so an existing workflow is never answered without the
   * body check below: a retry is recognised by the memo's body hash, a different body is a conflict.
   */
  async create(input: CoordinationRequestInput, hash: string): Promise<CreateOutcome> {
    const start = new WithStartWorkflowOperation<typeof coordinationWorkflow>(WORKFLOW_TYPE, startOptions(input, hash, this.opts.taskQueue));
    try {
      const state = await this.withDeadline(() => this.client.workflow.executeUpdateWithStart(readyUpdate, { startWorkflowOperation: start }), UPDATE_DEADLINE_FACTOR);
      return { created: true, state };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        const existing = await this.withDeadline(() => this.handle(input.id).describe());
        if (existing.memo?.[MEMO_BODY_HASH] !== hash) {
          throw new ProblemError('idempotencyConflict', 'this idempotency key was already used for a request with a different body');
        }
        return { created: false, state: await this.readyState(input.id) };
      }
      // Started, but closed before the update was answered: its final state, by query.
      if (isWorkflowNotFound(err) && (await start.workflowHandle().then(() => true, () => false))) {
        return { created: true, state: await this.state(input.id) };
      }
      throw err;
    }
  }

  /**
   * The state once the request is set up (read-your-writes for create): an update that waits for
   * the first step's activation. A request that already closed answers its final state by query.
   */
  private async readyState(id: string): Promise<CoordinationState> {
    try {
      return await this.withDeadline(() => this.handle(id).executeUpdate(readyUpdate), UPDATE_DEADLINE_FACTOR);
    } catch (err) {
      if (isWorkflowNotFound(err)) return this.state(id);
      throw err;
    }
  }

  /** Authorization facts from the workflow's search attributes (describe reads live state, not visibility). */
  async access(id: string): Promise<AccessInfo> {
    const d = await this.withDeadline(() => this.handle(id).describe());
    if (d.type !== WORKFLOW_TYPE) throw new ProblemError('notFound', 'no such coordination request');
    const sa = d.typedSearchAttributes;
    return {
      requester: sa.get(SA_REQUESTER) ?? '',
      involved: sa.get(SA_INVOLVED) ?? [],
      participants: sa.get(SA_PARTICIPANTS) ?? [],
      status: (sa.get(SA_STATUS) as RequestStatus | undefined) ?? null,
      running: d.status.name === 'RUNNING',
    };
  }

  /** The live state by query; `deadlineMs` shortens the wait when a record can answer instead. */
  async state(id: string, deadlineMs?: number): Promise<CoordinationState> {
    try {
      return await this.withDeadline(() => this.handle(id).query(stateQuery), 1, deadlineMs);
    } catch (err) {
      // A workflow of another type under our id prefix is not a coordination request.
      if (err instanceof QueryNotRegisteredError) throw new ProblemError('notFound', 'no such coordination request');
      throw err;
    }
  }

  timeline(id: string, afterSeq?: number, deadlineMs?: number): Promise<TimelineEvent[]> {
    return this.withDeadline(() => this.handle(id).query(timelineQuery, afterSeq), 1, deadlineMs);
  }

  /**
   * Run an update and return its result (the new state: read-your-writes). A request that closed
   * between our describe and the update is a conflict, not a missing request. With `updateId`,
   * Temporal runs the update once and answers a retry with the first outcome.
   */
  async update<Arg, Result = CoordinationState>(id: string, def: UpdateDefinition<Result, [Arg]>, arg: Arg, updateId?: string): Promise<Result> {
    try {
      return await this.withDeadline(() => this.handle(id).executeUpdate(def, { args: [arg], ...(updateId ? { updateId } : {}) }), UPDATE_DEADLINE_FACTOR);
    } catch (err) {
      if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw unavailable();
      if (isWorkflowNotFound(err)) {
        throw new ProblemError('conflict', 'the request is closed');
      }
      throw err;
    }
  }

  /**
   * The outcome of an update already run under `updateId` (a retry of it after the request closed),
   * or undefined when none was: nothing is sent to the workflow, the update is only looked up. A
   * first attempt that was refused is refused again (its WorkflowUpdateFailedError, a 409).
   */
  async earlierOutcome<Result = CoordinationState>(id: string, updateId: string): Promise<Result | undefined> {
    try {
      return await this.withDeadline(() => this.handle(id).getUpdateHandle<Result>(updateId).result());
    } catch (err) {
      if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw unavailable();
      if (isWorkflowNotFound(err)) return undefined;
      throw err;
    }
  }
}
