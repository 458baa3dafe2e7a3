/** The webhook side of `importPages`: which pages are notification pages, and where their files go. */
import { movedNote } from './moved';
import { basename, join, sep } from 'node:path';
import { toYaml, withMarker } from './emit-yaml';
import type { PageIssues } from './issues';
import { EVENT_TYPE, readWebhookPage } from './webhook-page';

/** A page under a `webhook/v3/` folder whose file name is an event type (`TRANSACTION.SUCCESS.md`). */
export function webhookEventOf(abs: string): string | undefined {
  if (!abs.includes(`${sep}webhook${sep}`)) return undefined;
  const name = basename(abs).replace(/\.md$/, '');
  return EVENT_TYPE.test(name) ? name : undefined;
}

export interface PreparedWebhook {
  readonly eventType: string;
  readonly abs: string;
  readonly text: string;
}

/** Reads a webhook page: its file text (`<out>/webhooks/<EVENT>.yaml`), or `undefined` for a "Moved to" stub (noted as a warning). */
export function prepareWebhook(source: string, eventType: string, pageId: string, outDir: string, issues: PageIssues): PreparedWebhook | undefined {
  const page = readWebhookPage(source, eventType, issues);
  if (page.kind === 'moved') {
    issues.warn(1, movedNote(page.to, 'notification'));
    return undefined;
  }
  return { eventType, abs: join(outDir, 'webhooks', `${eventType}.yaml`), text: withMarker(pageId, toYaml(page.item)) };
}
