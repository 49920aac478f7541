/**
 * The coordination domain's types, each defined once in the file of its seam and named here once
 * for the importers that take them together:
 * - request.ts: the request's input and state;
 * - timeline.ts: its audit trail;
 * - actions.ts: the inputs of the actions on it (the workflow's updates);
 * - letter.ts: the official letter and attachment references;
 * - organizations.ts: directory entries and the workflow's reference of them;
 * - notifications.ts: notification messages.
 *
 * Plain types only, shared by workflows/, activities/ and src/api: free of Node built-ins and I/O
 * because workflow code imports them.
 */
export * from './actions';
export * from './conditions';
export * from './extensions';
export * from './letter';
export * from './notifications';
export * from './organizations';
export * from './request';
export * from './timeline';
