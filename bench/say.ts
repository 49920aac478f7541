/** The harness's progress lines on stdout, each stamped with the time of day (UTC). */
export const say = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
