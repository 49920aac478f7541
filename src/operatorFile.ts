/**
 * Operator-maintained JSON files (the organization directory, the election schedule): read and
 * parsed here, every failure naming the file and the variable that points at it, so a typo in a
 * deployment is reported as such and not as a stack trace.
 */
import { readFileSync } from 'node:fs';

/** The file's JSON, or an error of the caller's class; `source` names the file for messages. */
export function readOperatorJson(file: string, source: string, fail: new (message: string) => Error): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new fail(`cannot read the ${source}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new fail(`the ${source} is not valid JSON: ${(err as Error).message}`);
  }
}
