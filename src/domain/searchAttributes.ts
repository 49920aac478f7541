/**
 * Custom search attributes of the coordination workflow (listing and filtering through Temporal
 * visibility). Values are organization ids, enums and times only: Temporal stores search
 * attributes in plain text, so no titles, names, addresses or comments ever go here.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA_STATUS = defineSearchAttributeKey('KoordinasiStatus', SearchAttributeType.KEYWORD);
export const SA_REQUESTER = defineSearchAttributeKey('KoordinasiRequester', SearchAttributeType.KEYWORD);
export const SA_PARTICIPANTS = defineSearchAttributeKey('KoordinasiParticipants', SearchAttributeType.KEYWORD_LIST);
export const SA_PENDING = defineSearchAttributeKey('KoordinasiPending', SearchAttributeType.KEYWORD_LIST);
export const SA_DUE_AT = defineSearchAttributeKey('KoordinasiDueAt', SearchAttributeType.DATETIME);
export const SA_OVERDUE = defineSearchAttributeKey('KoordinasiOverdue', SearchAttributeType.BOOL);
export const SA_CATEGORY = defineSearchAttributeKey('KoordinasiCategory', SearchAttributeType.KEYWORD);
/** Every organization involved (requester, participants past and present, tembusan): read access. */
export const SA_INVOLVED = defineSearchAttributeKey('KoordinasiInvolved', SearchAttributeType.KEYWORD_LIST);

/** Name → type as the CLI's `--search-attribute Name=Type` and the operator service spell them. */
export const SEARCH_ATTRIBUTES: Record<string, 'Keyword' | 'KeywordList' | 'Datetime' | 'Bool'> = {
  KoordinasiStatus: 'Keyword',
  KoordinasiRequester: 'Keyword',
  KoordinasiParticipants: 'KeywordList',
  KoordinasiPending: 'KeywordList',
  KoordinasiDueAt: 'Datetime',
  KoordinasiOverdue: 'Bool',
  KoordinasiCategory: 'Keyword',
  KoordinasiInvolved: 'KeywordList',
};

export const ALL_SEARCH_ATTRIBUTE_KEYS = [SA_STATUS, SA_REQUESTER, SA_PARTICIPANTS, SA_PENDING, SA_DUE_AT, SA_OVERDUE, SA_CATEGORY, SA_INVOLVED];

/**
 * How many custom search attributes of each type SQL visibility (PostgreSQL/MySQL clusters) can
 * hold: one pre-made column per slot, so the server refuses more ("cannot have more than 3 search
 * attribute of type KeywordList"). The dev server (SQLite) is as strict. Checked against
 * SEARCH_ATTRIBUTES by tests/unit/searchAttributeLimits.test.ts, and against the server's own
 * schema and a live refusal by tests/cluster/.
 */
export const SQL_VISIBILITY_LIMITS = { Keyword: 10, KeywordList: 3, Datetime: 3, Bool: 3, Int: 3, Double: 3, Text: 3 } as const;
