/**
 * The shape of every dictionary: Bahasa Indonesia's (id.ts). Apart from dictionary.ts, so the
 * languages it gathers name the shape without importing it back.
 */
import type { id } from './id';

export type Dictionary = typeof id;
