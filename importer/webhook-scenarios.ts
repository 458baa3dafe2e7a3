/**
 * The scenario notes some notification pages put below their request table (TRANSACTION.SUCCESS:
 * `1. 服务商支付成功会带上(**sp_mchid及sub_mchid**)字段 {#PARTNER}`, eight of them): the table then lists
 * the payload fields of every scenario at once, and a field it marks required may be absent from
 * another scenario's notification. The notes are kept in the payload's description, and the page
 * gets a warning, because the generated client refuses a payload that lacks a required field.
 */
import type { Block } from './markdown/blocks';
import { cleanText } from './schema';

export interface ScenarioNote {
  readonly line: number;
  /** The anchor of the note (`PARTNER`). */
  readonly id: string;
  /** The note's text, without its list number, anchor or emphasis marks. */
  readonly text: string;
}

const NOTE = /^\s*(?:\d+\.|[-*])\s+(.*?)\s*\{#([A-Za-z][\w-]*)\}\s*$/;

/** The `1. … {#ID}` list items between the request table and the next table, code block or heading. */
export function scenarioNotes(blocks: readonly Block[], table: Block): ScenarioNote[] {
  const notes: ScenarioNote[] = [];
  for (let i = blocks.indexOf(table) + 1; i < blocks.length; i++) {
    const b = blocks[i];
    if (!b || b.kind === 'table' || b.kind === 'code' || b.kind === 'heading' || b.kind === 'container-open') break;
    if (b.kind !== 'list') continue;
    for (const item of b.items) {
      const m = NOTE.exec(item.text);
      if (m?.[1] && m[2]) notes.push({ line: item.line, id: m[2], text: cleanText(m[1].replace(/\*\*(.*?)\*\*/g, '$1')) });
    }
  }
  return notes;
}

/** The notes as a paragraph of the payload's description. */
export function scenarioText(notes: readonly ScenarioNote[]): string {
  return `The page documents these scenarios; which fields a notification carries depends on its scenario:\n${notes.map((n) => `- ${n.id}: ${n.text}`).join('\n')}`;
}

/** The warning at the first note. */
export function scenarioWarning(notes: readonly ScenarioNote[]): string {
  return `the page describes ${notes.length} scenario${notes.length === 1 ? '' : 's'} below its table (${notes.map((n) => n.id).join(', ')}) and lists the payload fields of all of them in one table: ` +
    'a field it marks required may be missing from another scenario\'s notifications, which a client with strictNotifications: true refuses (ValidationError, answered FAIL); ' +
    'check the required marks against the notifications you receive and correct them in an overlay (specs/overrides/webhooks/…) before turning it on';
}
