import { formatCount } from '@/lib/format';
import { MAIL_KINDS, type KeyRef, type MailContent, type MailKind } from '@/lib/email/mail-kinds';

// The templates read counts and times through the layout; the rules themselves live in lib/format.
export { formatCount, formatUtc, formatUtcTime, plural } from '@/lib/format';

/** A list in a message shows at most this many rows, then "and N more": the key page has the rest. */
export const MAX_ROWS = 10;

export type Fact = { label: string; value: string };

/** A small table, e.g. IP addresses with counts. Numbers are formatted and right-aligned by the layout. */
export type MailTable = { title: string; columns: string[]; rows: (string | number)[][] };

/** What a template describes; the layout turns it into both parts, so every message looks alike. */
export type MailLayout = {
  kind: MailKind;
  key: KeyRef;
  /** Also the heading. Security notices get a "Security notice: " prefix from the layout. */
  subject: string;
  intro: string;
  facts: Fact[];
  tables?: MailTable[];
  /** Paragraphs after the facts: what the event means and what to do. */
  notes?: string[];
  /** Target of "Open the key page"; omitted when the key page no longer exists. */
  keyUrl?: string;
  /** Further links after the key page's button, e.g. straight to rotating the key. */
  links?: { label: string; url: string }[];
};

const FOOTERS = {
  usage: 'You receive this because you turned on e-mail notifications for this key. Turn them off on the key’s edit page.',
  security: 'Security notices are always sent to the admin responsible for the key.',
} as const;

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** How every message names a key in running text: `API key “Billing sync”`. */
export function keyTitle(key: KeyRef): string {
  return `API key “${key.name}”`;
}

function fullSubject(message: MailLayout): string {
  const subject = MAIL_KINDS[message.kind].security ? `Security notice: ${message.subject}` : message.subject;
  // A key name is admin input: a line break in a header must never start a new one.
  return subject.replace(/[\r\n\t]+/g, ' ');
}

function keyFacts(key: KeyRef): Fact[] {
  return [
    { label: 'Key', value: `${key.name} (${key.hint})` },
    { label: 'Community', value: key.communityName },
  ];
}

/** Caps the rows and says how many were left out, so a burst of callers cannot make a huge message. */
function cappedRows(table: MailTable): { rows: string[][]; more: number; numeric: boolean[] } {
  const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((row) => typeof row[i] === 'number'));
  const rows = table.rows.slice(0, MAX_ROWS).map((row) => row.map((cell) => (typeof cell === 'number' ? formatCount(cell) : cell)));
  return { rows, more: Math.max(0, table.rows.length - MAX_ROWS), numeric };
}

const andMore = (more: number) => `and ${formatCount(more)} more`;

function textTable(table: MailTable): string {
  const { rows, more, numeric } = cappedRows(table);
  const widths = table.columns.map((column, i) => Math.max(column.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('   ')
      .trimEnd();
  const body = [line(table.columns), ...rows.map(line), ...(more > 0 ? [andMore(more)] : [])];
  return [table.title, ...body.map((row) => `  ${row}`)].join('\n');
}

function renderText(message: MailLayout, facts: Fact[]): string {
  const width = Math.max(...facts.map((fact) => fact.label.length)) + 1;
  const parts = [
    fullSubject(message),
    message.intro,
    facts.map((fact) => `${`${fact.label}:`.padEnd(width)}  ${fact.value}`).join('\n'),
    ...(message.tables ?? []).filter((table) => table.rows.length > 0).map(textTable),
    ...(message.notes ?? []),
    ...(message.keyUrl ? [`Open the key page: ${message.keyUrl}`] : []),
    ...(message.links ?? []).map((link) => `${link.label}: ${link.url}`),
    `--\n${FOOTERS[MAIL_KINDS[message.kind].security ? 'security' : 'usage']}\nIntegration Center · ${message.key.communityName}`,
  ];
  return `${parts.join('\n\n')}\n`;
}

const CELL = 'padding:6px 12px 6px 0;vertical-align:top;border-bottom:1px solid #e4e4e7;';

function htmlTable(table: MailTable): string {
  const { rows, more, numeric } = cappedRows(table);
  const align = (i: number) => (numeric[i] ? 'text-align:right;' : 'text-align:left;');
  const head = table.columns.map((column, i) => `<th style="${CELL}${align(i)}color:#52525b;font-weight:600;">${escapeHtml(column)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td style="${CELL}${align(i)}">${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
  const moreRow = more > 0 ? `<tr><td colspan="${table.columns.length}" style="${CELL}color:#52525b;">${andMore(more)}</td></tr>` : '';
  return (
    `<h2 style="margin:24px 0 8px;font-size:15px;">${escapeHtml(table.title)}</h2>` +
    `<table cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse;font-size:14px;">` +
    `<tr>${head}</tr>${body}${moreRow}</table>`
  );
}

function renderHtml(message: MailLayout, facts: Fact[]): string {
  const security = MAIL_KINDS[message.kind].security;
  const paragraph = (text: string) => `<p style="margin:0 0 16px;">${escapeHtml(text)}</p>`;
  const factRows = facts
    .map((fact) => `<tr><th style="${CELL}text-align:left;color:#52525b;font-weight:600;white-space:nowrap;">${escapeHtml(fact.label)}</th><td style="${CELL}">${escapeHtml(fact.value)}</td></tr>`)
    .join('');
  const url = message.keyUrl ? escapeHtml(message.keyUrl) : null;
  // The button is a styled link, not an image, so it reads the same with images off; the address follows in full.
  const action = url
    ? `<p style="margin:24px 0 8px;"><a href="${url}" style="display:inline-block;padding:10px 16px;background:#18181b;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600;">Open the key page</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#52525b;word-break:break-all;"><a href="${url}" style="color:#2563eb;">${url}</a></p>`
    : '';
  const links = (message.links ?? [])
    .map(({ label, url: href }) => `<p style="margin:0 0 16px;font-size:14px;"><a href="${escapeHtml(href)}" style="color:#2563eb;font-weight:600;">${escapeHtml(label)}</a></p>`)
    .join('');
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(fullSubject(message))}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f4f5;">`,
    `<div style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:${FONT};font-size:15px;line-height:1.5;color:#18181b;">`,
    `<div style="background:#ffffff;border:1px solid #e4e4e7;border-radius:8px;padding:24px;">`,
    security ? `<p style="margin:0 0 8px;font-size:13px;font-weight:600;color:#b91c1c;text-transform:uppercase;">Security notice</p>` : '',
    `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;">${escapeHtml(message.subject)}</h1>`,
    paragraph(message.intro),
    `<table cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse;font-size:14px;">${factRows}</table>`,
    ...(message.tables ?? []).filter((table) => table.rows.length > 0).map(htmlTable),
    `<div style="margin-top:24px;">${(message.notes ?? []).map(paragraph).join('')}</div>`,
    action,
    links,
    '</div>',
    `<p style="margin:16px 0 0;font-size:13px;color:#52525b;">${escapeHtml(FOOTERS[security ? 'security' : 'usage'])}<br>Integration Center · ${escapeHtml(message.key.communityName)}</p>`,
    '</div></body></html>',
  ].join('\n');
}

/** The one layout every notice uses: the key's name, hint and community first, then the template's facts. */
export function renderMail(message: MailLayout): MailContent {
  const facts = [...keyFacts(message.key), ...message.facts];
  return { subject: fullSubject(message), text: renderText(message, facts), html: renderHtml(message, facts) };
}
