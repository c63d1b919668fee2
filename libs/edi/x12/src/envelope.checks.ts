import { Ak5Code, Ak9Code } from './functional-acknowledgement';
import type { X12FunctionalGroup, X12Interchange, X12TransactionSet } from './interchange.reader';

export type EnvelopeProblemCode = 'ENVELOPE_INVALID' | 'CONTROL_COUNT_MISMATCH' | 'CONTROL_NUMBER_MISMATCH' | 'UNSUPPORTED';

/** What is wrong with an envelope, naming the element (`IEA01`, `GE02`, `SE01`...). */
export interface EnvelopeProblem {
  readonly code: EnvelopeProblemCode;
  readonly field: string;
  readonly message: string;
}

/** ISA13 a 9-digit control number, an IEA whose group count and control number match. Null when sound. */
export function interchangeProblem(interchange: X12Interchange): EnvelopeProblem | null {
  const isa13 = interchange.controlNumber;
  if (!/^\d{9}$/.test(isa13)) return { code: 'ENVELOPE_INVALID', field: 'ISA13', message: `ISA13 '${isa13}' is not a 9-digit control number` };
  const iea = interchange.iea;
  if (!iea) return { code: 'ENVELOPE_INVALID', field: 'IEA', message: 'interchange has no IEA trailer' };
  if (iea.el(1) !== String(interchange.groups.length)) {
    return { code: 'CONTROL_COUNT_MISMATCH', field: 'IEA01', message: `IEA01 says ${iea.el(1)} groups, the interchange has ${interchange.groups.length}` };
  }
  if (!/^\d+$/.test(iea.el(2)) || Number(iea.el(2)) !== Number(isa13)) {
    return { code: 'CONTROL_NUMBER_MISMATCH', field: 'IEA02', message: `IEA02 ${iea.el(2)} does not match ISA13 ${isa13}` };
  }
  const [stray] = interchange.strays;
  if (stray) {
    return { code: 'ENVELOPE_INVALID', field: stray.tag, message: `${stray.tag} segment outside any functional group or transaction set` };
  }
  return null;
}

/** X12 versions 004010 to 008050 (GS08 starts with the version, a release suffix may follow). */
const SUPPORTED_VERSION = /^00[4-8]0\d0/;

/**
 * The AK9 error codes of a functional group (GS01 not the expected functional id, GS08 version,
 * GE missing, GE01 count, GE02 control number), and the first of them as a problem. A group with
 * a problem is rejected as a whole (AK9 R).
 */
export function groupProblems(group: X12FunctionalGroup, expected: { readonly functionalId: string }): { ak9Codes: string[]; problem: EnvelopeProblem | null } {
  const gs06 = group.gs.el(6);
  const ak9Codes: string[] = [];
  if (group.gs.el(1) !== expected.functionalId) ak9Codes.push(Ak9Code.NotSupported);
  if (!SUPPORTED_VERSION.test(group.gs.el(8))) ak9Codes.push(Ak9Code.VersionNotSupported);
  if (!group.ge) ak9Codes.push(Ak9Code.TrailerMissing);
  else {
    if (group.ge.el(1) !== String(group.transactions.length)) ak9Codes.push(Ak9Code.TransactionCountMismatch);
    if (group.ge.el(2) !== gs06) ak9Codes.push(Ak9Code.ControlNumberMismatch);
  }
  const problem: EnvelopeProblem | null =
    ak9Codes.length === 0
      ? null
      : ak9Codes.includes(Ak9Code.NotSupported)
        ? { code: 'UNSUPPORTED', field: 'GS01', message: `functional group is not ${expected.functionalId}` }
        : ak9Codes.includes(Ak9Code.VersionNotSupported)
          ? { code: 'UNSUPPORTED', field: 'GS08', message: 'X12 version not supported' }
          : ak9Codes.includes(Ak9Code.TransactionCountMismatch)
            ? {
                code: 'CONTROL_COUNT_MISMATCH',
                field: 'GE01',
                message: `GE01 says ${group.ge?.el(1)} transaction sets, the group has ${group.transactions.length}`,
              }
            : ak9Codes.includes(Ak9Code.ControlNumberMismatch)
              ? { code: 'CONTROL_NUMBER_MISMATCH', field: 'GE02', message: `GE02 does not match GS06 ${gs06}` }
              : { code: 'ENVELOPE_INVALID', field: 'GE', message: 'functional group has no GE trailer' };
  return { ak9Codes, problem };
}

/**
 * The AK5 error codes of a transaction set (ST01 not the expected set, SE missing, SE01 segment
 * count, SE02 control number), and the first of them as a problem.
 */
export function transactionProblems(set: X12TransactionSet, expected: { readonly setId: string }): { ak5Codes: string[]; problem: EnvelopeProblem | null } {
  const st02 = set.st.el(2);
  const setId = set.st.el(1);
  const ak5Codes: string[] = [];
  let problem: EnvelopeProblem | null = null;
  const note = (ak5: string, found: EnvelopeProblem) => {
    ak5Codes.push(ak5);
    problem ??= found;
  };
  if (setId !== expected.setId)
    note(Ak5Code.NotSupported, { code: 'UNSUPPORTED', field: 'ST01', message: `transaction set ${setId} is not the expected ${expected.setId}` });
  if (!set.se) note(Ak5Code.TrailerMissing, { code: 'ENVELOPE_INVALID', field: 'SE', message: `transaction set ${st02} has no SE trailer` });
  else {
    const declared = set.se.el(1);
    const actual = set.segments.length + 2;
    if (declared !== String(actual))
      note(Ak5Code.SegmentCountMismatch, { code: 'CONTROL_COUNT_MISMATCH', field: 'SE01', message: `SE01 says ${declared} segments, the set has ${actual}` });
    if (set.se.el(2) !== st02)
      note(Ak5Code.ControlNumberMismatch, {
        code: 'CONTROL_NUMBER_MISMATCH',
        field: 'SE02',
        message: `SE02 ${set.se.el(2)} does not match ST02 ${st02}`,
      });
  }
  return { ak5Codes, problem };
}
