import {
  Ak5Code,
  buildFunctionalAcknowledgement,
  groupProblems,
  interchangeProblem,
  readInterchange,
  transactionProblems,
  type EnvelopeProblem,
  type FunctionalGroupAck,
  type InterchangeReadProblem,
  type X12Interchange,
  type X12Seg,
} from '@crossdock/edi/x12';
import { SetRefusal, type SetProblem } from './x12-set.refusal';

/** One transaction set as read: its value, or why it was refused. */
export type X12SetOutcome<T> =
  | { readonly kind: 'ACCEPTED'; readonly controlNumber: string; readonly value: T }
  | {
      readonly kind: 'REFUSED';
      readonly controlNumber: string;
      /** The set's own business reference when it could be read (945 W0602, 940 W0502), for the reason note. */
      readonly reference: string | null;
      readonly problem: SetProblem;
    };

export interface X12GroupRead<T> {
  /** GS06. */
  readonly controlNumber: string;
  /** The group's (or interchange's) own problem: then every set of it is refused. */
  readonly problem: EnvelopeProblem | null;
  readonly sets: readonly X12SetOutcome<T>[];
  /** What the 997 says about this group: AK5 A or R per set, AK9 A, P or R. */
  readonly acknowledgement: FunctionalGroupAck;
}

export type X12SetsRead<T> =
  /** Not X12, or an ISA that cannot be read: no 997 can be addressed, the file goes to rejected/. */
  | { readonly kind: 'UNREADABLE'; readonly problem: InterchangeReadProblem }
  | {
      readonly kind: 'READ';
      /** `ISA05:ISA06` of the file. */
      readonly sender: string;
      /** ISA13. */
      readonly interchangeControlNumber: string;
      /** The interchange's own problem (IEA count or control number, stray segments): every set is refused. */
      readonly problem: EnvelopeProblem | null;
      readonly groups: readonly X12GroupRead<T>[];
      /** Kept to address the 997 (ids, separators, usage indicator). */
      readonly interchange: X12Interchange;
    };

export interface X12SetKind {
  /** GS01, e.g. 'SW'. */
  readonly functionalId: string;
  /** ST01, e.g. '945'. */
  readonly setId: string;
  /** The segment and element that carry the set's business reference (W06 2: the depositor order). */
  readonly reference: { readonly tag: string; readonly element: number };
}

/**
 * Reads every transaction set of one kind in an interchange with `readSet`, which throws a
 * {@link SetRefusal} at the first problem. A broken envelope refuses what it covers; a refused set
 * does not stop the others, so the 997 can accept the good ones (AK9 P).
 */
export function readTransactionSets<T>(content: string, kind: X12SetKind, readSet: (segments: readonly X12Seg[], sender: string) => T): X12SetsRead<T> {
  const read = readInterchange(content);
  if ('problem' in read) return { kind: 'UNREADABLE', problem: read.problem };
  const { interchange } = read;
  const envelope = interchangeProblem(interchange);
  const groups = interchange.groups.map((group): X12GroupRead<T> => {
    const { ak9Codes, problem } = groupProblems(group, { functionalId: kind.functionalId });
    const refusal = envelope ?? problem;
    const sets = group.transactions.map((set) => {
      const controlNumber = set.st.el(2);
      const reference = set.segments.find((s) => s.tag === kind.reference.tag)?.el(kind.reference.element) || null;
      const envelopeProblems = transactionProblems(set, { setId: kind.setId });
      const setProblem = envelopeProblems.problem ?? refusal;
      if (setProblem) {
        const outcome: X12SetOutcome<T> = {
          kind: 'REFUSED',
          controlNumber,
          reference,
          problem: { code: 'ENVELOPE', field: setProblem.field, message: setProblem.message },
        };
        return { outcome, ak5: envelopeProblems.ak5Codes, note: null };
      }
      try {
        const outcome: X12SetOutcome<T> = { kind: 'ACCEPTED', controlNumber, value: readSet(set.segments, interchange.sender) };
        return { outcome, ak5: [], note: null };
      } catch (error) {
        if (!(error instanceof SetRefusal)) throw error;
        const note = error.note.position === 0 ? { ...error.note, position: set.segments.length + 2 } : error.note;
        const outcome: X12SetOutcome<T> = { kind: 'REFUSED', controlNumber, reference, problem: error.problem };
        return { outcome, ak5: [Ak5Code.SegmentsInError], note };
      }
    });
    return {
      controlNumber: group.gs.el(6),
      problem: refusal,
      sets: sets.map((s) => s.outcome),
      acknowledgement: {
        functionalIdCode: group.gs.el(1),
        groupControlNumber: group.gs.el(6),
        version: group.gs.el(8) || '004010',
        senderApplicationId: group.gs.el(2),
        declaredCount: Number(group.ge?.el(1) ?? group.transactions.length) || 0,
        transactionSets: sets.map(({ outcome, ak5, note }) => ({
          setId: kind.setId,
          controlNumber: outcome.controlNumber,
          accepted: outcome.kind === 'ACCEPTED',
          errorCodes: outcome.kind === 'ACCEPTED' ? [] : ak5,
          segmentErrors: note ? [note] : [],
        })),
        groupErrorCodes: ak9Codes,
      },
    };
  });
  return { kind: 'READ', sender: interchange.sender, interchangeControlNumber: interchange.controlNumber, problem: envelope, groups, interchange };
}

/**
 * The 997 for a file read: AK2/AK5 A or R per set, AK9 A, P or R per group, addressed back to the
 * sender (our id is the file's receiver) with its separators. `controlNumber` is ours (ISA13, and
 * GS06 of the first group), from the reader's per-partner counter.
 */
export function acknowledgeSets<T>(
  read: Extract<X12SetsRead<T>, { kind: 'READ' }>,
  ack: { readonly controlNumber: number; readonly createdAt: number; readonly ourApplicationId?: string },
): string {
  const { interchange } = read;
  return buildFunctionalAcknowledgement(
    {
      ourId: interchange.receiver,
      partnerId: interchange.sender,
      ourApplicationId: ack.ourApplicationId ?? (interchange.groups[0]?.gs.el(3) || 'CROSSDOCK'),
      controlNumber: ack.controlNumber,
      usageIndicator: interchange.usageIndicator || 'P',
      createdAt: ack.createdAt,
      separators: interchange.separators,
      isa11: interchange.isa.el(11) || 'U',
      isa12: interchange.isa.el(12) || '00401',
    },
    read.groups.map((g) => g.acknowledgement),
  );
}

/** Every set of the file that was accepted, in order. */
export function acceptedValues<T>(read: X12SetsRead<T>): T[] {
  return read.kind === 'READ' ? read.groups.flatMap((g) => g.sets.flatMap((s) => (s.kind === 'ACCEPTED' ? [s.value] : []))) : [];
}
