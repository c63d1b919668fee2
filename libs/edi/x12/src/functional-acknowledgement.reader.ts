import { interchangeProblem, transactionProblems, type EnvelopeProblem } from './envelope.checks';
import type { Ak9Status } from './functional-acknowledgement';
import { readInterchange, type InterchangeReadProblem } from './interchange.reader';

/** What a 997 says about one transaction set we sent (AK2 + AK5). */
export interface ReceivedSetAcknowledgement {
  /** AK201, e.g. '940'. */
  readonly setId: string;
  /** AK202 = the ST02 we sent. */
  readonly controlNumber: string;
  /** AK501: A accepted, E accepted with errors noted, R rejected (M, W, X: other rejections). */
  readonly status: string;
  /** AK502..AK506. */
  readonly errorCodes: readonly string[];
  /** AK3 segment ids and positions with their AK4 element notes, as text ('W01@5: element 5 code 7'). */
  readonly segmentNotes: readonly string[];
}

/** What a 997 says about one functional group we sent (AK1 + AK9). */
export interface ReceivedGroupAcknowledgement {
  /** AK101 = the GS01 we sent, e.g. 'OW'. */
  readonly functionalIdCode: string;
  /** AK102 = the GS06 we sent. */
  readonly groupControlNumber: string;
  /** AK901. */
  readonly status: Ak9Status;
  /** AK902 sets in our group, AK903 received, AK904 accepted. */
  readonly declaredCount: number;
  readonly receivedCount: number;
  readonly acceptedCount: number;
  /** AK905..AK909. */
  readonly groupErrorCodes: readonly string[];
  /** Empty when the 997 reports the group only (then AK901 applies to every set of it). */
  readonly transactionSets: readonly ReceivedSetAcknowledgement[];
}

export interface ReceivedFunctionalAcknowledgement {
  /** `ISA05:ISA06` of the 997: who acknowledges. */
  readonly sender: string;
  /** ISA13 of the 997. */
  readonly controlNumber: string;
  readonly groups: readonly ReceivedGroupAcknowledgement[];
}

/**
 * Reads a 997 interchange (one AK1..AK9 per ST*997) into what the partner accepted and rejected,
 * or the problem that makes it unreadable (not X12, broken envelope, not a 997).
 */
export function readFunctionalAcknowledgement(
  content: string,
): { acknowledgement: ReceivedFunctionalAcknowledgement } | { problem: InterchangeReadProblem | EnvelopeProblem } {
  const read = readInterchange(content);
  if ('problem' in read) return read;
  const { interchange } = read;
  const envelope = interchangeProblem(interchange);
  if (envelope) return { problem: envelope };
  const groups: ReceivedGroupAcknowledgement[] = [];
  for (const group of interchange.groups) {
    if (group.gs.el(1) !== 'FA') return { problem: { code: 'UNSUPPORTED', field: 'GS01', message: `functional group ${group.gs.el(1)} is not FA (997)` } };
    for (const set of group.transactions) {
      const { problem } = transactionProblems(set, { setId: '997' });
      if (problem) return { problem };
      const ak1 = set.segments.find((s) => s.tag === 'AK1');
      const ak9 = set.segments.find((s) => s.tag === 'AK9');
      if (!ak1 || !ak9)
        return { problem: { code: 'ENVELOPE_INVALID', field: ak1 ? 'AK9' : 'AK1', message: `997 ${set.st.el(2)} has no ${ak1 ? 'AK9' : 'AK1'}` } };
      const status = ak9.el(1);
      if (!['A', 'E', 'P', 'R'].includes(status))
        return { problem: { code: 'ENVELOPE_INVALID', field: 'AK901', message: `AK901 '${status}' is not A, E, P or R` } };
      groups.push({
        functionalIdCode: ak1.el(1),
        groupControlNumber: ak1.el(2),
        status: status as Ak9Status,
        declaredCount: Number(ak9.el(2)) || 0,
        receivedCount: Number(ak9.el(3)) || 0,
        acceptedCount: Number(ak9.el(4)) || 0,
        groupErrorCodes: [5, 6, 7, 8, 9].map((n) => ak9.el(n)).filter((v) => v !== ''),
        transactionSets: setAcknowledgements(set.segments),
      });
    }
  }
  return { acknowledgement: { sender: interchange.sender, controlNumber: interchange.controlNumber, groups } };
}

function setAcknowledgements(segments: readonly { tag: string; el(n: number): string }[]): ReceivedSetAcknowledgement[] {
  const sets: ReceivedSetAcknowledgement[] = [];
  let current: { setId: string; controlNumber: string; notes: string[] } | null = null;
  for (const seg of segments) {
    if (seg.tag === 'AK2') current = { setId: seg.el(1), controlNumber: seg.el(2), notes: [] };
    else if (seg.tag === 'AK3' && current) current.notes.push(`${seg.el(1)}@${seg.el(2)}: segment code ${seg.el(4)}`);
    else if (seg.tag === 'AK4' && current) current.notes.push(`element ${seg.el(1)} code ${seg.el(3)}${seg.el(4) ? ` '${seg.el(4)}'` : ''}`);
    else if (seg.tag === 'AK5' && current) {
      sets.push({
        setId: current.setId,
        controlNumber: current.controlNumber,
        status: seg.el(1),
        errorCodes: [2, 3, 4, 5, 6].map((n) => seg.el(n)).filter((v) => v !== ''),
        segmentNotes: current.notes,
      });
      current = null;
    }
  }
  return sets;
}

/** Whether the 997 accepted a set: its AK5 says A or E, or, without AK2s for the group, AK9 says A or E. */
export function setAccepted(group: ReceivedGroupAcknowledgement, controlNumber: string): boolean | null {
  const set = group.transactionSets.find((s) => s.controlNumber === controlNumber);
  if (set) return set.status === 'A' || set.status === 'E';
  if (group.transactionSets.length === 0) return group.status === 'A' || group.status === 'E';
  return null;
}
