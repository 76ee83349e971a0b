/**
 * One probe of the instance under fuzzing, and what every answer must respect: no 5xx
 * (and the process alive), no change of state or files on a 4xx or on any GET, and no
 * stored script given back unescaped — a non-JSON answer (SVG, HTML, text) must not carry
 * the payloads as markup, a JSON answer's HTML fields neither, a downloaded document must
 * come as an attachment, and every answer says `nosniff`.
 */
import type { AppProcess } from '../../support/app-process.js';
import type { Figures } from './figures.js';
import { sendRaw, StateFingerprint, type Fingerprint, type RawAnswer, type RawRequest } from './fuzz-target.js';
import { UNESCAPED_SCRIPT } from './hostile.js';

export class Fuzzer {
  readonly violations: string[] = [];
  private before?: Fingerprint;

  constructor(
    private readonly baseUrl: string,
    private readonly child: AppProcess,
    private readonly state: StateFingerprint,
    private readonly figures: Figures,
  ) {}

  /** Sends one request and checks its answer; undefined when the HTTP client cannot send it. */
  async probe(request: RawRequest, label: string): Promise<RawAnswer | undefined> {
    this.before ??= await this.state.take();
    this.newOutput();
    const answer = await sendRaw(this.baseUrl, request).catch((error: Error) => {
      this.violations.push(`${label}: no answer (${error.message})`);
      return { status: 0, headers: {}, text: '', body: undefined } as RawAnswer;
    });
    if (!answer) return undefined;
    this.figures.requests++;
    this.figures.fault('hostile request');
    if (this.child.process.exitCode !== null || this.child.process.signalCode !== null) {
      this.violations.push(`${label}: the process died: ${this.child.output().slice(-2000)}`);
      throw new Error(this.violations.join('\n'));
    }
    const code = answer.body?.error?.code;
    if (answer.status === 0) this.figures.error('connection closed without an answer');
    else if (answer.status >= 500)
      // With what the process logged about it (the error's first lines).
      this.violations.push(
        `${label} → ${answer.status} ${answer.text.slice(0, 200)}\n${this.newOutput().slice(0, 1500)}`,
      );
    else if (answer.status === 409 || answer.status === 412) this.figures.conflicts++;
    else if (answer.status >= 400) this.figures.error(`${answer.status} (refused)`);
    else this.figures.acknowledged++;
    const leak = leakIn(request.path, answer);
    if (leak) this.violations.push(`${label} → ${answer.status}: ${leak}`);

    const after = await this.state.take();
    const changed = StateFingerprint.changed(this.before, after).filter(
      (what) => !(answer.status === 200 && isJournaledDownload(request) && what === 'journal_entry'),
    );
    if (changed.length && (answer.status >= 400 || answer.status === 0 || request.method === 'GET'))
      this.violations.push(`${label} → ${answer.status} ${code ?? ''}: changed ${changed.join(', ')}`);
    this.before = after;
    return answer;
  }

  /** After a change the fuzzer made itself (a new login): the next probe compares with the state from then. */
  rebase(): void {
    this.before = undefined;
  }

  private outputSeen = 0;

  /** What the process printed since the last call. */
  private newOutput(): string {
    const output = this.child.output();
    const fresh = output.slice(this.outputSeen);
    this.outputSeen = output.length;
    return fresh;
  }

  /** The violations found since `mark` (the length before a test). */
  since(mark: number): string[] {
    return this.violations.slice(mark);
  }
}

/** A piece's download: the one GET that writes, its journal entry (`DOCUMENT_DOWNLOADED`, by design). */
function isJournaledDownload(request: RawRequest): boolean {
  return request.method === 'GET' && DOCUMENT_CONTENT.test(request.path.split('?')[0]);
}

const DOCUMENT_CONTENT = /^\/api\/documents\/[^/]+\/content$/;

/** What is wrong with the answer as an escape of stored scripts, if anything. */
export function leakIn(path: string, answer: RawAnswer): string | undefined {
  // Nothing to sniff in an empty answer (Node's own 414 and 431 have neither body nor headers).
  if (answer.status === 0 || answer.text === '') return undefined;
  if (answer.headers['x-content-type-options'] !== 'nosniff') return 'no X-Content-Type-Options: nosniff';
  const type = String(answer.headers['content-type'] ?? '');
  if (DOCUMENT_CONTENT.test(path.split('?')[0]) && answer.status === 200) {
    // A piece is the SCIC's file, given back byte for byte: never shown inline.
    const disposition = String(answer.headers['content-disposition'] ?? '');
    if (!disposition.startsWith('attachment'))
      return `document served inline (${disposition || 'no Content-Disposition'})`;
    if (/html|svg|xml|javascript/i.test(type)) return `document served as ${type}`;
    return undefined;
  }
  if (/json/i.test(type)) {
    const html = htmlFields(answer.body).find((value) => UNESCAPED_SCRIPT.test(value));
    return html ? `unescaped script in an HTML field: ${html.slice(0, 200)}` : undefined;
  }
  if (/pdf|octet-stream|image\/(png|jpeg)|zip|officedocument|opendocument/i.test(type)) return undefined;
  // A CSV export is data for a spreadsheet, downloaded, never rendered: with nosniff and as
  // an attachment, a stored script in it is text (formula prefixes are the export's concern).
  if (/^text\/csv/i.test(type) && String(answer.headers['content-disposition'] ?? '').startsWith('attachment')) {
    return undefined;
  }
  const match = UNESCAPED_SCRIPT.exec(answer.text);
  return match
    ? `unescaped script in a ${type || 'typeless'} answer: …${answer.text.slice(Math.max(0, match.index - 80), match.index + 80)}…`
    : undefined;
}

function htmlFields(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /html/i.test(key) ? [value] : [];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, child]) => htmlFields(child, Array.isArray(value) ? key : name));
}
