/**
 * The typed dictionaries. Bahasa Indonesia (id.ts) defines the shape; every other language must
 * provide exactly the same keys and function signatures, or the build fails.
 */
import { en } from './en';
import { id } from './id';
import type { Dictionary } from './shape';

export type { Dictionary } from './shape';
export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

const dictionaries: Record<Lang, Dictionary> = { id, en };

export const dictionaryFor = (lang: Lang): Dictionary => dictionaries[lang];
export const isLang = (v: unknown): v is Lang => v === 'id' || v === 'en';
